def grade(n) {
    if (n >= 90) { "A" }
    else if (n >= 80) { "B" }
    else { "C" }
}
println grade(95)
println grade(85)
println grade(10)
