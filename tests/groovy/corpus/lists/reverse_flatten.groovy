println([1, 2, 3].reverse())
println([1, [2, [3, 4]], 5].flatten())
