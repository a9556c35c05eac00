try {
    println "work"
} finally {
    println "cleanup"
}
