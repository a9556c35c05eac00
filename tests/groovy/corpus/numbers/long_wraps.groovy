def max = 9223372036854775807
println max + 1
