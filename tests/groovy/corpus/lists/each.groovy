["a", "b"].each { println it }
["x", "y"].each { item -> println "item $item" }
