def issue = null
println "assigning"
issue.summary = "new"
