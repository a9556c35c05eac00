def userMap = ["ann@remote.com": "ann", "bob@remote.com": "robert"]
def remoteAssignee = [email: "bob@remote.com", displayName: "Bob"]
println userMap[remoteAssignee?.email] ?: "admin"
println userMap[null] ?: "admin"
