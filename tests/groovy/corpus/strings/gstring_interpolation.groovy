def name = "Ann"
def count = 3
println "Hello ${name}, you have ${count} new comments"
println "Hello $name"
println "sum: ${1 + 2}"
