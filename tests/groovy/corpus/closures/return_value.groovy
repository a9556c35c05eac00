def classify = { n ->
    if (n < 0) return "negative"
    if (n == 0) return "zero"
    "positive"
}
println classify(-1)
println classify(0)
println classify(5)
