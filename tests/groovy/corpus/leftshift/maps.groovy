def map = [a: 1]
map << [b: 2]
map << [a: 10]
println map
