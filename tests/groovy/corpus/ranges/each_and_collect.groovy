(1..3).each { print it }
println()
println((1..4).collect { it * it })
