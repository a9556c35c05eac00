import groovy.json.JsonSlurper
def items = new JsonSlurper().parseText('[{"id": 1}, {"id": 2}, {"id": 3}]')
println items.size()
println items*.id
println items.find { it.id == 2 }.id
