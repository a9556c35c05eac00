def s = "a"
s += "b"
s += 1
s += null
println s
