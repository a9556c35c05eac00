println "Hello".toUpperCase()
println "Hello".toLowerCase()
println "hello world".capitalize()
println "ABC".equalsIgnoreCase("abc")
