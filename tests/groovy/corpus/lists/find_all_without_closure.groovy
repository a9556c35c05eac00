def values = [0, 1, "", "a", null, [], [2], false, true]
println values.findAll()
println values.find()
println([null, "", "x"].any())
println([1, "a", [0]].every())
