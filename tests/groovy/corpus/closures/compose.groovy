def plusOne = { it + 1 }
def square = { it * it }
println((plusOne >> square)(3))
println((plusOne << square)(3))
