def list = ["a", "b", "c"]
println list
println list[0]
println list[-1]
println list.size()
