def map = [1: "one", 2: "two"]
println map[1]
println map.get(2)
println map["1"]
