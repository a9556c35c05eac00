(1..5).each { print(it % 2 ? "o" : "e") }
println()
