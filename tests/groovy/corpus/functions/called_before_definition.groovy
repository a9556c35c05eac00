println twice(21)
def twice(x) { x * 2 }
