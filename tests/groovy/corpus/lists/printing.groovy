println([1, "two", null, 3.0, [4], [five: 5]])
println(["a b", ""])
println([])
