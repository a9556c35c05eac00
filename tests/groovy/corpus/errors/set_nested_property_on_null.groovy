def issue = [fields: [:]]
issue.fields.labels = ["a"]
println issue
issue.fields.status.name = "Done"
