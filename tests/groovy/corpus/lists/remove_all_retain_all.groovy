def list = [1, 2, 3, 4, 5, 6]
list.removeAll { it % 2 == 0 }
println list
def other = ["a", "b", "c"]
other.retainAll(["a", "c"])
println other
