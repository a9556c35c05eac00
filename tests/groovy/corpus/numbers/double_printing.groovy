def a = "0.1".toDouble()
def b = "0.2".toDouble()
println a + b
println "1e10".toDouble()
println "2".toDouble()
println "1.5".toDouble() * 2
println "0.0001".toDouble()
