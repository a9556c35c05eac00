println((5..1).toList())
println((0..<0).toList())
println((0..<0).size())
