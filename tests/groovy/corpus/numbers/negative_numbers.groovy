def a = -5
println a
println a.abs()
println(-a)
println(a - -3)
