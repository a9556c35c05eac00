def words = ["apple", "avocado", "banana", "blueberry", "cherry"]
println words.groupBy { it[0] }
println words.groupBy { it.size() > 6 }
