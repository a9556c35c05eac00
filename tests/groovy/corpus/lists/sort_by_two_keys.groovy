def issues = [[p: 2, key: "B-2"], [p: 1, key: "C-1"], [p: 2, key: "A-7"], [p: 1, key: "A-3"]]
println issues.sort { a, b -> a.p <=> b.p ?: a.key <=> b.key }*.key
