println([a: 1] + [b: 2])
println([a: 1, b: 2] + [a: 9])
println([a: 1, b: 2] - [a: 1])
