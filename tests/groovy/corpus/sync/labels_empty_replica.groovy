def replica = [labels: null]
def labels = replica.labels ?: []
println labels.size()
println((labels + "imported").join(","))
