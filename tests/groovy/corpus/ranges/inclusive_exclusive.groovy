println((1..5).toList())
println((1..<5).toList())
println(1..3)
