def result = [:]
["a:1", "b:2", "a:3"].each { pair ->
    def parts = pair.split(":")
    result[parts[0]] = (result[parts[0]] ?: []) + [parts[1] as Integer]
}
println result
