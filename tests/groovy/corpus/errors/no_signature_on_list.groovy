def list = [1, 2]
println list.sum()
list.flyToTheMoonAndBack()
