try {
    throw new Exception("first")
} catch (Exception e) {
    println "caught " + e.message
    throw new Exception("second after " + e.message)
}
