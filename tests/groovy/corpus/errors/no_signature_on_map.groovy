def m = [a: 1]
println m.a
m.computeSomethingImpossible()
