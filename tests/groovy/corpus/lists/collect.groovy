println([1, 2, 3].collect { it * 10 })
println(["a", "b"].collect { it.toUpperCase() + "!" })
println([].collect { it })
