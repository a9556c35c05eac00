def kind(status) {
    switch (status) {
        case ["Open", "Reopened"]: return "open"
        case ["Done", "Closed"]: return "closed"
        default: return "unknown"
    }
}
println kind("Reopened")
println kind("Closed")
println kind("Lost")
