println 1.50
println 1.5 * 2
println 3 * 1.5
println 0.1 + 0.2
println 1.10 + 1
