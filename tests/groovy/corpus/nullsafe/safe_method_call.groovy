def s = null
println s?.trim()
println s?.size()
println "x"?.size()
