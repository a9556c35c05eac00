import groovy.json.JsonOutput
import groovy.json.JsonSlurper
def original = [summary: "Printer", labels: ["hw"], priority: [name: "High"]]
def copy = new JsonSlurper().parseText(JsonOutput.toJson(original))
println copy == original
println copy.priority.name
