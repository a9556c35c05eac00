def list = [1]
list << 2
list << 3 << 4
println list
list << [5, 6]
println list
