def statusMap = ["Open": "To Do", "In Progress": "In Progress", "Resolved": "Done"]
["Open", "Resolved", "Waiting for customer"].each { remote ->
    println remote + " -> " + (statusMap[remote] ?: "To Do")
}
