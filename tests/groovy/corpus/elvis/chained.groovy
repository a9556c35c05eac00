def a = null
def b = ""
def c = "third"
println a ?: b ?: c
