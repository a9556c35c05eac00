def map = [a: 1, b: 2, c: 3]
println map.subMap(["a", "c"])
println map.size()
