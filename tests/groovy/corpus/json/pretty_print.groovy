import groovy.json.JsonOutput
println JsonOutput.prettyPrint(JsonOutput.toJson([name: "Ann", tags: ["a", "b"], meta: [n: 1]]))
