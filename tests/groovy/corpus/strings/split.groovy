println "a,b,c".split(",")
println "a,b,,c".split(",").size()
println "one  two three".split(/\s+/)
println "a-b-c".split("-")[1]
