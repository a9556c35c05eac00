println 1 < 2
println 2.5 > 2
println 3 >= 3.0
println 10 <= 9
println 1 != 1.0
