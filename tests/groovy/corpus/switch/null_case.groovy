def show(x) {
    switch (x) {
        case null: return "null!"
        case "": return "empty"
        default: return "value $x"
    }
}
println show(null)
println show("")
println show("v")
