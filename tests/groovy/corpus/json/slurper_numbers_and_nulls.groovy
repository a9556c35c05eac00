import groovy.json.JsonSlurper
def data = new JsonSlurper().parseText('{"count": 7, "ratio": 2.5, "none": null, "yes": true}')
println data.count * 2
println data.ratio * 2
println data.none == null
println data.yes
