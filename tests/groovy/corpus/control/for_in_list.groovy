for (s in ["a", "b", "c"]) { print s }
println()
