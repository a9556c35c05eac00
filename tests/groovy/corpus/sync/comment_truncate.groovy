def body = "x" * 40
def limit = 16
println body.size() > limit ? body.take(limit - 3) + "..." : body
println "short".size() > limit ? "cut" : "short"
