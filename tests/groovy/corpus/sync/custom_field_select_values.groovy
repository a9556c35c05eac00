def replica = [customFields: [Environment: [value: [[value: "Prod"], [value: "Stage"]]]]]
println replica.customFields.Environment.value*.value.join(", ")
