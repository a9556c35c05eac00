def due = "2024-11-05T10:30:00.000+0000"
def datePart = due.split("T")[0]
def parts = datePart.split("-")*.toInteger()
println "${parts[2]}/${parts[1]}/${parts[0]}"
