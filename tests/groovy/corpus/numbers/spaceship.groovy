println 1 <=> 2
println 2 <=> 2
println 3 <=> 2
println 1.5 <=> 1
