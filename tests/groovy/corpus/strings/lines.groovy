def text = "one\ntwo\nthree"
println text.readLines()
text.eachLine { line, number -> println "$number: $line" }
