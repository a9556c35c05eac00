def key = "status"
def map = [(key): "Open", key: "literal"]
println map
println map.status
println map.key
