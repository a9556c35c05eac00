println 2 ** 10
println 2 ** 64
println 10 ** 3
println 2 ** -1
