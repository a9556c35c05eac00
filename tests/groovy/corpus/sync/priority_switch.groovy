def mapPriority(remote) {
    switch (remote?.toLowerCase()) {
        case ["urgent", "critical"]: return "Highest"
        case "high": return "High"
        case null: return "Medium"
        default: return "Low"
    }
}
println mapPriority("Critical")
println mapPriority("HIGH")
println mapPriority(null)
println mapPriority("whatever")
