def issue = [fields: [status: [name: "Done"], labels: ["x"]]]
println issue.fields.status.name
println issue["fields"]["labels"][0]
println issue.fields.priority
