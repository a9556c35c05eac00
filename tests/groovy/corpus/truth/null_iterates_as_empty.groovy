def comments = null
for (c in comments) { println "never" }
comments.each { println "never either" }
println "done"
println comments.collect { it }
println((comments ?: []).size())
