def list = [1, 2, 3, 4]
println list.first()
println list.last()
println list.head()
println list.tail()
