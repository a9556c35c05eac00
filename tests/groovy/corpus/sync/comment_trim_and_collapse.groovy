def body = "   Hello\n\n\n\nWorld   \n"
println "[" + body.trim().replaceAll(/\n{3,}/, "\n\n") + "]"
