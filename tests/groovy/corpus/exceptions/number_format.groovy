try {
    "twelve".toInteger()
} catch (NumberFormatException e) {
    println e.message
}
