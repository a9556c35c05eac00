try {
    throw new IllegalArgumentException("bad input")
} catch (IllegalStateException e) {
    println "state"
} catch (IllegalArgumentException e) {
    println "argument: " + e.message
}
