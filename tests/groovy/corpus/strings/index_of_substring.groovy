def s = "key=value"
def at = s.indexOf("=")
println at
println s.substring(0, at)
println s.substring(at + 1)
println s.indexOf("missing")
