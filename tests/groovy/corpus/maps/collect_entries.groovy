def map = [a: 1, b: 2]
println map.collectEntries { k, v -> [(k.toUpperCase()): v * 10] }
println map.collectEntries { k, v -> [(v): k] }
