import groovy.json.JsonOutput
println JsonOutput.toJson(42)
println JsonOutput.toJson("plain")
println JsonOutput.toJson([])
println JsonOutput.toJson(null)
