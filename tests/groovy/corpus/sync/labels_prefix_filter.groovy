def labels = ["team-red", "urgent", "team-blue", "sync"]
println labels.findAll { it.startsWith("team-") }.collect { it - "team-" }
println labels.findAll { !it.startsWith("team-") }
