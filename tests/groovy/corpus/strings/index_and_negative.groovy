def s = "Groovy"
println s[0]
println s[-1]
println s[-2]
println s[2]
