println 5 / 2
println 10 / 4
println 4 / 2
println 7 / 7
