println([3, 1, 2].sort { a, b -> b <=> a })
println(["pear", "fig", "apple"].sort { a, b -> a.size() <=> b.size() })
println(null <=> 1)
println("b" <=> "a")
