def key = ~/([A-Z]+)-(\d+)/
println "SUP-12" ==~ key
def matcher = key.matcher("see DEMO-4 and SUP-9")
def found = []
while (matcher.find()) { found << matcher.group(1) + "#" + matcher.group(2) }
println found
println(("x DEMO-4" =~ key).find())
