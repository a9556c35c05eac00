def size(n) {
    switch (n) {
        case { it < 0 }: return "negative"
        case { it > 1000 }: return "huge"
        default: return "normal"
    }
}
println size(-4)
println size(5000)
println size(7)
