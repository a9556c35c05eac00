import groovy.json.JsonSlurper
def data = new JsonSlurper().parseText('{"issue": {"key": "SUP-1", "labels": ["x", "y"], "points": 3}}')
println data.issue.key
println data.issue.labels[1]
println data.issue.points + 1
println data.issue.missing
