def band(n) {
    switch (n) {
        case 0..9: return "small"
        case 10..<100: return "medium"
        default: return "large"
    }
}
println band(5)
println band(99)
println band(100)
