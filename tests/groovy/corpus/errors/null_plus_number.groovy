def count = null
println "count is " + count
println count + 1
