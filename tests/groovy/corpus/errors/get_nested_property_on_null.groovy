def issue = [fields: [:]]
println issue.fields.assignee
println issue.fields.assignee.displayName
