def multiply = { a, b -> a * b }
def triple = multiply.curry(3)
println triple(5)
