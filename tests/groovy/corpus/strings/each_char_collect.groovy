def out = []
"abc".each { out << it.toUpperCase() }
println out
println "abc".collect { it * 2 }
println "abc".toList()
