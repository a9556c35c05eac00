def routes = [Frontend: ["web", "ui"], Backend: ["api", "db"]]
["api", "ui", "mobile"].each { component ->
    def team = routes.find { name, components -> component in components }?.key ?: "Triage"
    println "$component -> $team"
}
