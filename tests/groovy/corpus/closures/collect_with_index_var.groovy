def i = 0
def numbered = ["a", "b"].collect { "${++i}. $it" }
println numbered
