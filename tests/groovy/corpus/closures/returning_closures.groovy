def adder(n) { return { x -> x + n } }
def add5 = adder(5)
println add5(10)
println adder(1)(1)
