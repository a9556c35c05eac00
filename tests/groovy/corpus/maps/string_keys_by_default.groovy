def map = [a: 1, b: 2]
println map
println map["a"]
println map.b
println map.keySet()
