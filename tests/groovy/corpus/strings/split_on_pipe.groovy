def cascading = "Hardware|Printer|Laser"
def parts = cascading.split("\\|")
println parts.size()
println parts[-1]
println cascading.tokenize("|").join(" > ")
