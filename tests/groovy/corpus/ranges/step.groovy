println((1..10).step(3))
println((0..20).step(5).sum())
