def n = 5
println n.abs()
println n.colour
