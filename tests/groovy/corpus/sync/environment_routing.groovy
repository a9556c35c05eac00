def routes = [(["web", "ui"]): "Frontend", (["api", "db"]): "Backend"]
def component = "api"
def team = routes.find { keys, name -> component in keys }?.value ?: "Triage"
println team
