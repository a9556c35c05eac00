def fact
fact = { n -> n <= 1 ? 1 : n * fact(n - 1) }
println fact(6)
def walk
walk = { node, depth -> [("  " * depth) + node.name] + (node.children ?: []).collectMany { walk(it, depth + 1) } }
println walk([name: "root", children: [[name: "a", children: [[name: "a1"]]], [name: "b"]]], 0).join("\n")
