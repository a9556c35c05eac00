println 2 in [1, 2, 3]
println 5 in [1, 2, 3]
println 3 in 1..5
println 6 in 1..5
println "b" in ["a", "b"]
