def summary = null
println "summary: " + summary
println summary.toUpperCase()
