def list = [1]
list[3] = 4
println list
println list.size()
