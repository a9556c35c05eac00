println 7 % 3
println(-7 % 3)
println 10 % 5
println 15 % 4
