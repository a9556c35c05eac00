def keys = ["SUP-1", "demo", "DEMO-22", "x-1"]
println keys.grep(~/[A-Z]+-\d+/)
println([1, "a", 2.5, null].grep(Number))
println([3, 8, 12].grep(5..10))
