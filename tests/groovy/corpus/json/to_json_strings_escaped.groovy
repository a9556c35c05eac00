import groovy.json.JsonOutput
println JsonOutput.toJson("say \"hi\"\nnext")
println JsonOutput.toJson(["tab\there"])
