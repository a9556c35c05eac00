def map = [a: 1, b: 5]
println map.any { k, v -> v > 4 }
println map.every { k, v -> v > 4 }
