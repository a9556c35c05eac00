def total = 1
println total
println total + missingValue
