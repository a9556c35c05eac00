def comments = null
println comments?.size() ?: 0
comments = ["a", "b"]
println comments?.size() ?: 0
