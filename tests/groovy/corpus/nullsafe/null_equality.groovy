def x = null
println x == null
println null == null
println x != null
println "a" == null
