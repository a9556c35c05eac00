def replica = [assignee: null, reporter: [emailAddress: "ann@example.com"]]
println replica.assignee?.emailAddress ?: "unassigned"
println replica.reporter?.emailAddress ?: "unknown"
println replica.watchers?.size() ?: 0
