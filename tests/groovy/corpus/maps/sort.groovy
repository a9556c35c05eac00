def map = [c: 3, a: 1, b: 2]
println map.sort()
println map.sort { a, b -> b.value <=> a.value }
println map.sort { it.key }
