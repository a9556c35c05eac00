def words = ["banana", "kiwi", "apple"]
println words.sort { it.size() }
println words.sort { a, b -> b <=> a }
