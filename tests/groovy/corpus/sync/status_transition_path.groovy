def transitions = ["To Do": ["In Progress"], "In Progress": ["Done", "To Do"], "Done": ["To Do"]]
def current = "To Do"
def target = "Done"
def path = [current]
while (path.last() != target && path.size() < 5) {
    def next = transitions[path.last()].contains(target) ? target : transitions[path.last()][0]
    path << next
}
println path.join(" -> ")
