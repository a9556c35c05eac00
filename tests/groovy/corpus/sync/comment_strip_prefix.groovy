def bodies = ["[Jira Cloud] Ann: looks good", "plain comment", "[Jira Cloud] Bob: merged"]
println bodies.collect { it.replaceFirst(/^\[Jira Cloud\] \w+: /, "") }
