try {
    println 1 / 0
} catch (ArithmeticException e) {
    println "caught: " + e.message
}
