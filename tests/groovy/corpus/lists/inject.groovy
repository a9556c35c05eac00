println([1, 2, 3, 4].inject(0) { sum, n -> sum + n })
println(["a", "b", "c"].inject("") { acc, s -> acc + s.toUpperCase() })
println([2, 3].inject(1) { product, n -> product * n })
