def more = [4, 5]
println([*[1, 2], 3, *more])
def base = [a: 1]
println([*: base, b: 2])
