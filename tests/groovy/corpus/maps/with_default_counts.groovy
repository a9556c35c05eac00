def counts = [:].withDefault { 0 }
["bug", "task", "bug", "story", "bug"].each { counts[it] += 1 }
println counts
def groups = [:].withDefault { [] }
[["a", 1], ["b", 2], ["a", 3]].each { pair -> groups[pair[0]] << pair[1] }
println groups
