println "a" + null
println "value: " + null
def missing = null
println "[" + missing + "]"
