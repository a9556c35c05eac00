def replica = [key: "SUP-7", summary: "Login fails", reporter: [displayName: "Ann"], priority: [name: "High"]]
def description = """Remote issue: ${replica.key}
Reported by: ${replica.reporter?.displayName ?: "unknown"}
Priority: ${replica.priority?.name ?: "none"}"""
println description
