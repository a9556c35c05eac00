def map = [:]
println map
println map.size()
println map.isEmpty()
map.x = 1
println map
