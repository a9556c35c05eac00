def limit = 10
def check(n) { n < limit }
println "checking"
println check(5)
