def map = [a: 1]
println map.missing
println map["missing"]
println map.missing == null
