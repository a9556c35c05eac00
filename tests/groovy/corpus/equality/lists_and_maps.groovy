println([1, 2] == [1, 2])
println([1, 2] == [2, 1])
println([a: 1, b: 2] == [b: 2, a: 1])
println([1, [2, 3]] == [1, [2, 3]])
