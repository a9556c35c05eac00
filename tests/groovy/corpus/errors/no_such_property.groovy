println "before"
println x
println "after"
