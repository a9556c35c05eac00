def counter = 0
def bump = { counter++ }
bump()
bump()
println counter
