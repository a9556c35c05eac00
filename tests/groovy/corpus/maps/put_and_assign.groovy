def map = [:]
map.put("a", 1)
map["b"] = 2
map.c = 3
map."d e" = 4
println map
