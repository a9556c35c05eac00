import groovy.json.JsonOutput
def comments = [[author: "ann", body: "hi"], [author: "bob", body: "yo"]]
def payload = [count: comments.size(), authors: comments*.author.unique()]
println JsonOutput.toJson(payload)
