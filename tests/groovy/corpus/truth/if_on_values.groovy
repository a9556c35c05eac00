def values = ["", "x", 0, 3, null, [], [1], [:]]
values.each { v ->
    if (v) { println "truthy: $v" } else { println "falsy: $v" }
}
