def x = 1
println "${x}" == "1"
println "a${x}" == 'a1'
println "$x".size()
