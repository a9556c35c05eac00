0.step(10, 3) { print "$it " }
println()
10.step(0, -4) { print "$it " }
println()
