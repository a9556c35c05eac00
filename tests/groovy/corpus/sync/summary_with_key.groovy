def replica = [key: "DEMO-12", summary: "  Crash on save  "]
println "[${replica.key}] ${replica.summary.trim()}"
def longSummary = "word " * 60
println(("[X-1] " + longSummary.trim()).take(255).size())
