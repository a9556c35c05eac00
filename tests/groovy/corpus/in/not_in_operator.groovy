// groovy4: `!in` is Groovy 3+ syntax; Groovy 2.4 does not parse it
def open = ["To Do", "In Progress"]
println("Done" !in open)
println("To Do" !in open)
