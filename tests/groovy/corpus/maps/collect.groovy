def map = [a: 1, b: 2]
println map.collect { k, v -> "$k$v" }
println map.collect { it.value * 2 }
