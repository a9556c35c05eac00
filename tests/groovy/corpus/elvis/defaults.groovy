println null ?: "default"
println "" ?: "empty"
println 0 ?: 5
println "value" ?: "unused"
