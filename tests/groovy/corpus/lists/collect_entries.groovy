def list = ["a", "bb"]
println list.collectEntries { [(it): it.size()] }
println list.collectEntries { [it, it.toUpperCase()] }
