def replica = [status: [name: "In Review"]]
def statusMap = ["In Review": "In Progress", "Closed": "Done"]
def remoteStatusName = replica.status?.name
println statusMap[remoteStatusName] ?: remoteStatusName
