def list = ["a", "b", "c"]
list.add("d")
list.remove(0)
println list
list.remove("c")
println list
list.add(0, "z")
println list
