def name = "Ann"
println 'Hello ${name}'
println 'it\'s'
println "dollar \$name"
