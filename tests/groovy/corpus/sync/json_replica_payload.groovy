import groovy.json.JsonOutput
def replica = [key: "SUP-9", summary: "Fan noise", labels: ["hw"], assignee: null]
println JsonOutput.toJson(replica.findAll { it.value != null })
