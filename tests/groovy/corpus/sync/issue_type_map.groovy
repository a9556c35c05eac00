def typeMap = [Bug: "Bug", Incident: "Bug", "Feature Request": "Story"]
def replica = [type: [name: "Incident"]]
def localType = typeMap[replica.type?.name] ?: "Task"
println localType
println typeMap[[name: "Chore"].name] ?: "Task"
