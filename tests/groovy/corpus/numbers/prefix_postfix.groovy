def i = 1
println(i++)
println i
println(++i)
println i
