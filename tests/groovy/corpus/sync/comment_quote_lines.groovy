def body = "first line\r\nsecond line\r\n\r\nlast"
def quoted = body.replaceAll(/\r\n/, "\n").split("\n").collect { "> " + it }.join("\n")
println quoted
