def map = [a: 1, b: 2]
map.each { k, v -> println "$k -> $v" }
map.each { entry -> println entry.key + "=" + entry.value }
