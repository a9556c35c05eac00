def labels = ["a", "b"]
def synced = (labels + ["synced-from-remote"]).unique().sort()
println synced
println synced.join(" ")
