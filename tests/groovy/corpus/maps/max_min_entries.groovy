def votes = [ann: 3, bob: 7, cy: 5]
println votes.max { it.value }.key
println votes.min { it.value }.key
