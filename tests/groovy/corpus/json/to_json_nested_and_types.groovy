import groovy.json.JsonOutput
println JsonOutput.toJson([flag: true, price: 1.50, list: [[x: 1], [y: "z"]], empty: [:]])
