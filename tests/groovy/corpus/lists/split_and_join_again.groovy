def parts = [1, 2, 3, 4, 5].split { it % 2 == 0 }
println parts[0]
println parts[1]
