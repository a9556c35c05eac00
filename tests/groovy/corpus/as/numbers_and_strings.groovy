println "42" as Integer
println(("7" as Integer) + 1)
println 42 as String
println((42 as String) + 1)
