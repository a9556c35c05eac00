def prices = [apple: 2, pear: 3]
println prices.inject(0) { total, entry -> total + entry.value }
