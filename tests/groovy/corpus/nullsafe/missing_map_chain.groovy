def issue = [fields: [:]]
println issue.fields.assignee?.displayName
println issue.fields?.assignee?.emailAddress ?: "unassigned"
