def s = null
try {
    s.toUpperCase()
} catch (NullPointerException e) {
    println e.message
}
