def list = [1, 2, 3, 4, 5]
println list.take(2)
println list.drop(2)
println list.take(10)
println list.takeWhile { it < 3 }
