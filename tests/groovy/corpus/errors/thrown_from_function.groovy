def validate(issue) {
    if (!issue.projectKey) throw new IllegalArgumentException("Project key was not set")
    "ok"
}
println validate([projectKey: "DEMO"])
println validate([:])
