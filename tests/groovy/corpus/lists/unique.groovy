def list = [1, 2, 2, 3, 1]
println list.unique()
println list
println(["A", "a", "b"].unique { it.toLowerCase() })
