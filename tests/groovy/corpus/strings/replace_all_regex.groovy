println "a1b22c333".replaceAll(/\d+/, "#")
println "John Smith".replaceAll(/(\w+) (\w+)/, '$2, $1')
println "  many   spaces  ".replaceAll(/\s+/, " ")
