def greet(name) {
    return "Hello, " + name
}
println greet("Ann")
println greet("Bob")
