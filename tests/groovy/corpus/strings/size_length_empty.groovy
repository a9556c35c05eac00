println "abc".size()
println "abc".length()
println "".isEmpty()
println "".size()
