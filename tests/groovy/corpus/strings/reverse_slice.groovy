def s = "Groovy"
println s[3..1]
println s[-1..0]
