def list = [1, 2, 3]
println list[99]
println list[3]
println([][0])
