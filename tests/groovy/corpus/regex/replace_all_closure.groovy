println "a1b2".replaceAll(/\d/) { (it as Integer) * 2 + "" }
println "hello world".replaceAll(/\b\w/) { it.toUpperCase() }
