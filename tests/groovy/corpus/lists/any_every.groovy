def list = [2, 4, 6]
println list.any { it > 5 }
println list.every { it % 2 == 0 }
println list.every { it > 2 }
println([].every { false })
println([].any { true })
