println "a" in [a: 1]
println "z" in [a: 1]
println "b" in "b"
println "b" in "abc"
