def mapStatus(name) {
    switch (name) {
        case "Open": return "To Do"
        case "Closed": return "Done"
        default: throw new IllegalArgumentException("Unmapped status: " + name)
    }
}
println mapStatus("Open")
println mapStatus("Parked")
