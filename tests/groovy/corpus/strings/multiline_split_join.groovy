def body = "first line\nsecond line\nthird line"
println body.split("\n").collect { "> " + it }.join("\n")
