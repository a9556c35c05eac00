def repeat(int n, Closure body) { (1..n).each { body(it) } }
repeat(3) { println "round $it" }
