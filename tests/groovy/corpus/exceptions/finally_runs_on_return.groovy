def f() {
    try {
        return "returned"
    } finally {
        println "finally ran"
    }
}
println f()
