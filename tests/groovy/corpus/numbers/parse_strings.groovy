println "42".toInteger() + 1
println "3.5".toBigDecimal() * 2
println "9000000000".toLong() + 1
println "12" as Integer
