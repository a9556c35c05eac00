println "a\tb"
println "line1\nline2"
println 'back\\slash'
println "quote \" inside"
