def replica = [customFields: ["Story Points": [value: 5], "Team": [value: null]]]
println replica.customFields."Story Points"?.value
println replica.customFields."Team"?.value ?: "no team"
println replica.customFields."Sprint"?.value ?: "no sprint"
