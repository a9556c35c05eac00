def people = [[name: "Ann", team: "red"], [name: "Bob", team: "blue"], [name: "Cy", team: "red"]]
def byTeam = people.groupBy { it.team }
println byTeam.collectEntries { team, members -> [(team): members*.name] }
