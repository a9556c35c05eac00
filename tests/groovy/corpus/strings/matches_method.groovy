println "SUP-123".matches(/[A-Z]+-\d+/)
println "sup-123".matches(/[A-Z]+-\d+/)
