println "42".isInteger()
println "4.2".isNumber()
println "abc".isNumber()
println "".isInteger()
