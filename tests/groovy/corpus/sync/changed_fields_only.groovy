def previous = [summary: "Old", priority: "High", labels: ["a"]]
def replica = [summary: "New", priority: "High", labels: ["a", "b"]]
println replica.findAll { k, v -> previous[k] != v }.keySet()
