println 3.99.toInteger()
println 7.toBigDecimal() / 2
println 10.power(3)
println "12345678901234567890".toBigInteger() + 1
println 5.0.toInteger() == 5
println(-3.abs())
println((-3).abs())
