println 3.7 as Integer
println "15" as Long
println 7 as String
println "2.50" as BigDecimal
