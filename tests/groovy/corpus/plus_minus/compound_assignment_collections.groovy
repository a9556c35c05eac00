def tags = ["a"]
tags += ["b", "c"]
tags -= "a"
println tags
def fields = [x: 1]
fields += [y: 2]
println fields
