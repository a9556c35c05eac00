println "12".toInteger()
println "twelve".toInteger()
