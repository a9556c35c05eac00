println "Hello" - "l"
println "abcabc" - "b"
println "abc" - "z"
println "[SUP-1] fix" - "[SUP-1] "
