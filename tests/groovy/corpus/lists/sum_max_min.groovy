def list = [4, 9, 1]
println list.sum()
println list.max()
println list.min()
println(["bb", "a", "ccc"].max { it.size() })
println(["bb", "a", "ccc"].min { it.size() })
