println(!!0.0)
println(!!0.5)
println(!!(-1))
