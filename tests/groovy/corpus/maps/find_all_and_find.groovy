def map = [a: 1, b: 5, c: 10]
println map.findAll { k, v -> v > 2 }
println map.find { k, v -> v > 2 }
println map.find { it.value > 2 }.key
