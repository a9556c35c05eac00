def hours = 30
def sla = [High: 24, Medium: 72]
def priority = "High"
def breached = hours > (sla[priority] ?: 48)
println breached ? "SLA breached by ${hours - sla[priority]}h" : "within SLA"
