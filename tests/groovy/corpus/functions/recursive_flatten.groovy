def depth(value) {
    if (!(value instanceof List)) return 0
    1 + (value.collect { depth(it) }.max() ?: 0)
}
println depth(1)
println depth([1, [2, [3]]])
