def pattern = /\d{3}-\d{4}/
println "555-1234" ==~ pattern
println(/a\b/.size())
