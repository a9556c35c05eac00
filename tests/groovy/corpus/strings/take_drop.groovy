println "Groovy".take(3)
println "Groovy".drop(3)
println "ab".take(10)
println "ab".drop(10).isEmpty()
