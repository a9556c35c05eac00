println([1, 2] == [1.0, 2.0])
println([a: 1] == [a: 1L])
println "1" == 1
