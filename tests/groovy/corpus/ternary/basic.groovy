def n = 7
println n % 2 == 0 ? "even" : "odd"
println n > 5 ? "big" : "small"
def label = null
println label ? "has label" : "no label"
