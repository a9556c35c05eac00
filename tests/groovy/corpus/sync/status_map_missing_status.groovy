def replica = [status: null]
def statusMap = ["Closed": "Done"]
println statusMap[replica.status?.name] ?: "To Do"
