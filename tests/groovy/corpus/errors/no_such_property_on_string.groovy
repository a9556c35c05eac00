def s = "abc"
println s.size()
println s.colour
