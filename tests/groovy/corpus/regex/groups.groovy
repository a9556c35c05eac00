def matcher = "Due: 2024-03-15" =~ /(\d+)-(\d+)-(\d+)/
println matcher[0][0]
println matcher[0][1]
println matcher[0][3]
