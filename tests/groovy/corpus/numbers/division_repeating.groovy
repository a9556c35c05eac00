println 1 / 3
println 2 / 3
println 10 / 3
println 100 / 7
