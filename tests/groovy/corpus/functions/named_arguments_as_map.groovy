def describe(Map options) { "${options.name} (${options.size ?: 'n/a'})" }
println describe(name: "box", size: 3)
println describe(name: "bag")
