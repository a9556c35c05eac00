println 10 / 2
println 10 / 0
