println "42" as Integer
println "forty-two" as Integer
