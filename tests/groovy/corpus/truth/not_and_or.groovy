def a = true
def b = false
println(a && b)
println(a || b)
println(!a)
println(a && !b)
