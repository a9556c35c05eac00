def stats(list) { [min: list.min(), max: list.max(), count: list.size()] }
def s = stats([4, 8, 1])
println s
println s.max - s.min
