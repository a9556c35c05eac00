try {
    println "try"
    throw new Exception("from try")
} finally {
    println "finally"
}
