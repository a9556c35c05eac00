def map = [a: 1, b: null]
println map.containsKey("b")
println map.containsKey("c")
println map.containsValue(1)
println map.keySet().toList()
println map.values().toList()
