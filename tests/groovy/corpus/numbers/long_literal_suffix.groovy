def n = 2147483647L
println n + 1
println 5L * 1000000000
println 10L / 4
