def list = [3, 1, 2]
def sorted = list.sort()
println sorted
println list
