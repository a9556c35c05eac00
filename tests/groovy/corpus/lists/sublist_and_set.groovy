def list = [1, 2, 3, 4]
println list.subList(1, 3)
list.set(0, 9)
println list
list[1] = 8
println list
