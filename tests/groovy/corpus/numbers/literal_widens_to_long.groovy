def n = 2147483648
println n + 1
println n * 2
println 3000000000 + 3000000000
