3.times { print it }
println()
1.upto(4) { print it }
println()
4.downto(1) { print it }
println()
