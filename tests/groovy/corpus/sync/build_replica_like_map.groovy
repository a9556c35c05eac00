def issue = [key: "DEMO-1", summary: "Sum", labels: ["x"], comments: [[body: "c1"]]]
def replica = [:]
["key", "summary", "labels"].each { replica[it] = issue[it] }
replica.comments = issue.comments.collect { [body: it.body] }
println replica
