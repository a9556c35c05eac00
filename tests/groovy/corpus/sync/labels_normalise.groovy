def labels = ["Needs Review", "backend", "Needs Review", "UI Bug"]
println labels.collect { it.toLowerCase().replace(" ", "_") }.unique()
