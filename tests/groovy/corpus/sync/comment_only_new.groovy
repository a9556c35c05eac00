def localRemoteIds = [101, 102]
def remoteComments = [[id: 101, body: "old"], [id: 103, body: "new one"], [id: 104, body: "newer"]]
def fresh = remoteComments.findAll { !(it.id in localRemoteIds) }
println fresh*.body
