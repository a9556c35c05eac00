println "before"
if (true) {
    return
}
println "never printed"
