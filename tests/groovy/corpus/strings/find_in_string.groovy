println "order 66 and 99".find(/\d+/)
println "order 66 and 99".findAll(/\d+/)
println "no digits".find(/\d+/)
