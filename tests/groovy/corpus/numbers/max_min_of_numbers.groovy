println([3, 1.5, 2].max())
println([3, 1.5, 2].min())
println([-1, -5, 0].sum())
