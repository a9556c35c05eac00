println "stressed".reverse()
println "banana".count("a")
println "banana".count("an")
