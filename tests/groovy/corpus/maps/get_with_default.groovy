def map = [a: 1]
println map.get("a", 0)
println map.get("z", 9)
println map
println map.getOrDefault("q", "none")
