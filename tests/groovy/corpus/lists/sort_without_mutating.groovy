def list = [3, 1, 2]
println list.sort(false)
println list
println list.toSorted { a, b -> b <=> a }
println list
