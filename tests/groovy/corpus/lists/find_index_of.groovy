def list = ["x", "y", "z"]
println list.findIndexOf { it == "y" }
println list.findIndexOf { it == "w" }
