println 2.50 + 0.5
println 1.25 * 4
println 10.00 - 0.5
println 1.0 * 1.0
