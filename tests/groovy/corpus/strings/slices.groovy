def s = "Groovy"
println s[0..2]
println s[1..-1]
println s[-3..-1]
println s[0..<3]
