def list = ["a", "b", "a"]
println list.lastIndexOf("a")
println list.withIndex().collect { item, i -> "$i=$item" }
