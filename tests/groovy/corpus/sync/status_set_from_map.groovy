def issue = [status: "To Do", history: []]
def setStatus = { name ->
    if (issue.status != name) issue.history << "${issue.status} -> ${name}"
    issue.status = name
}
def statusMapping = ["New": "To Do", "Working": "In Progress", "Fixed": "Done"]
["Working", "Working", "Fixed", "Unknown"].each { remote ->
    setStatus(statusMapping[remote] ?: issue.status)
}
println issue.status
println issue.history
