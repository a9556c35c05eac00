try {
    try {
        throw new RuntimeException("inner")
    } catch (RuntimeException e) {
        println "inner handler"
        throw e
    }
} catch (Exception e) {
    println "outer handler: " + e.message
}
