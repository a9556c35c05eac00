def add = { a, b -> a + b }
println add(1, 2)
println add("x", "y")
println add.call(3, 4)
