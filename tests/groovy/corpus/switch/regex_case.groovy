def kind(key) {
    switch (key) {
        case ~/SUP-\d+/: return "support"
        case ~/DEMO-\d+/: return "demo"
        default: return "other"
    }
}
println kind("SUP-12")
println kind("DEMO-3")
println kind("SUP-x")
