def map = [a: 1]
map.each { println it }
println map.entrySet().first().key
