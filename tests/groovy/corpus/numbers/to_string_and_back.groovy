def n = 1234
def s = n.toString()
println s.size()
println s + 1
println s.reverse().toInteger()
