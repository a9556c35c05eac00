println "a b  c".tokenize()
println "a,b;c".tokenize(",;")
println "".tokenize()
