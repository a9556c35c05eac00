println "abc" < "abd"
println "b" > "a"
println "apple" <=> "banana"
println "a" == "a"
