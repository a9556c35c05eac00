def firstSync = true
def issue = [:]
def replica = [project: [key: "SUP"], type: [name: "Bug"]]
if (firstSync) {
    issue.projectKey = "DEMO"
    issue.typeName = replica.type?.name ?: "Task"
}
issue.summary = "from " + replica.project.key
println issue
