println 1 / 3 * 3
println 0.1 * 3
println 2.50 * 2.0
println 10 / 4 * 2
println((1 / 8).toString())
