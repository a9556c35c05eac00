def versions = ["1.2", "1.10", "1.9"]
println versions.max { it.tokenize(".")*.toInteger().inject(0) { acc, n -> acc * 100 + n } }
