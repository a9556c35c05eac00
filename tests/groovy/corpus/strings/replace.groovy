println "a.b.c".replace(".", "/")
println "aaa".replace("a", "b")
println "foo bar foo".replaceFirst("foo", "baz")
