def marker = "--- synced ---"
def description = "Original text"
if (!description.contains(marker)) description += "\n" + marker
if (!description.contains(marker)) description += "\n" + marker
println description
println description.count(marker)
