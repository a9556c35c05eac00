println([].sum())
println(["a", "b"].sum())
println([1.5, 2.5].sum())
println([].max())
