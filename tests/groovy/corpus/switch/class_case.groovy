def typeOf(x) {
    switch (x) {
        case String: return "string"
        case Integer: return "integer"
        case BigDecimal: return "decimal"
        case List: return "list"
        case Map: return "map"
        default: return "other"
    }
}
println typeOf("a")
println typeOf(1)
println typeOf(1.5)
println typeOf([])
println typeOf([:])
println typeOf(null)
