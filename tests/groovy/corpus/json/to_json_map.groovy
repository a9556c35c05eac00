import groovy.json.JsonOutput
println JsonOutput.toJson([a: 1, b: "two", c: [1, 2], d: null])
