println "SUP-42" ==~ /[A-Z]+-\d+/
println "SUP-42 x" ==~ /[A-Z]+-\d+/
println "abc" ==~ /a.c/
