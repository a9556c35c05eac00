def a = [1, 2]
def b = [1] + [2]
println a == b
println a.join("")
