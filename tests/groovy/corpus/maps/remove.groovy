def map = [a: 1, b: 2, c: 3]
println map.remove("b")
println map
println map.remove("zzz")
