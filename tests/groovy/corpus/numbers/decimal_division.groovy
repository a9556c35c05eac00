println 1.0 / 3
println 10.0 / 4
println 100 / 3.0
println 7.5 / 2.5
