def list = ["x", "y", "z"]
println list.contains("y")
println list.contains("w")
println list.indexOf("z")
println list.indexOf("w")
