def matcher = "a1 b22 c333" =~ /\d+/
println matcher.size()
println matcher[0]
println matcher[2]
