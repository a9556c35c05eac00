def fields = [Browser: "Firefox", OS: "Linux", Version: null]
def rows = fields.collect { k, v -> "|| ${k} | ${v ?: '-'} |" }
println rows.join("\n")
