def name = null
name = name ?: "anonymous"
println name
def list = []
println((list ?: ["fallback"]).first())
