for (int i = 0; i < 3; i++) { print i }
println()
for (def i = 10; i > 0; i -= 4) { print "$i " }
println()
