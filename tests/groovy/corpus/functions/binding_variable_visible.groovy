counter = 10
def bump() { counter += 1 }
bump()
bump()
println counter
