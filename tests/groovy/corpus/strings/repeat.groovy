println "ab" * 3
println "-" * 10
println "x" * 0
