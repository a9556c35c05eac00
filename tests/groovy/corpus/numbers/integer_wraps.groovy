def big = 2147483647
println big + 1
println big * 2
println(-2147483648 - 1)
