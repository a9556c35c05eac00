def s = "ab" << "c"
s << "d"
println s.toString()
