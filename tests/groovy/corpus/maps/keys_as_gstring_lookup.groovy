def map = [open: 1]
def state = "op"
println map["${state}en"]
println map."${state}en"
