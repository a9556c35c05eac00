println 7 % 2
println 7 % 0
