def replica = [status: [name: "Done"], resolution: null]
def resolution = replica.resolution?.name ?: (replica.status?.name == "Done" ? "Fixed" : null)
println resolution
