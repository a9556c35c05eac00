println 1 + 2 * 3
println((1 + 2) * 3)
println 10 - 2 - 3
println 2 * 3 % 4
println 1 + 2.5
