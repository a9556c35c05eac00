println 7.intdiv(2)
println 7.intdiv(0)
