def n = 1
while (n < 100) { n *= 3 }
println n
