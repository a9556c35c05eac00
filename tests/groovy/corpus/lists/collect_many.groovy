println([[1, 2], [3], []].collectMany { it })
def issues = [[key: "A-1", labels: ["x", "y"]], [key: "A-2", labels: ["y"]]]
println issues.collectMany { issue -> issue.labels.collect { "${issue.key}:$it" } }
