println((1..100).sum())
println((1..10).findAll { it % 3 == 0 })
println((1..10).find { it > 4 })
