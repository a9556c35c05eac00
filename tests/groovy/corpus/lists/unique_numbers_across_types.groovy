println([1, 1.0, 2L, 2].unique())
println([1, 1.0].contains(1.0))
println([3, 2.5, 1L].sort())
