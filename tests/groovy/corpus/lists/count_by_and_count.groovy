def list = ["a", "b", "a", "c", "a"]
println list.count("a")
println list.countBy { it }
println list.count { it != "a" }
