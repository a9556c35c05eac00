println([3, 1, 3, 2] as Set)
println("abc" as List)
println([1, 2] as String)
