print "a"
print "b"
println "c"
print 1
println()
