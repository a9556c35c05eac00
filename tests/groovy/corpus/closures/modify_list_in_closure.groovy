def seen = []
[3, 1, 3, 2].each { if (!seen.contains(it)) seen << it }
println seen
