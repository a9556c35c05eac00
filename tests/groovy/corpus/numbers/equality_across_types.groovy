println 1 == 1.0
println 1.0 == 1.00
println 2L == 2
println 3 == 3.5
println 0.1 + 0.2 == 0.3
