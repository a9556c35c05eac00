try {
    println undefinedThing
} catch (Exception e) {
    println "caught: " + e.message
}
