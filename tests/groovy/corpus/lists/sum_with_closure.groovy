def items = [[qty: 2, price: 1.25], [qty: 1, price: 10]]
println items.sum { it.qty * it.price }
println([1, 2, 3].sum { it * 2 })
println(["a", "bb"].sum { it.size() })
