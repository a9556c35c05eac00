def stock = [apples: 3, pears: 0, plums: 7]
println stock.count { k, v -> v > 0 }
println stock.values().sum()
println stock.findAll { it.value == 0 }.keySet()
