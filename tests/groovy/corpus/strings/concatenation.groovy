println "a" + "b"
println "a" + 1 + 2
println 1 + 2 + "a"
println "5" + 5
