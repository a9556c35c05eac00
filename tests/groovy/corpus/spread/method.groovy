println(["a", "bb", "ccc"]*.size())
println(["x", "y"]*.toUpperCase())
