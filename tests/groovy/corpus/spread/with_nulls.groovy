def items = ["a", null, "c"]
println items*.toUpperCase()
def owners = [[owner: [name: "Ann"]], [owner: null]]
println owners*.owner*.name
