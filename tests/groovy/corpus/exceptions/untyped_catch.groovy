try {
    throw new Exception("untyped")
} catch (e) {
    println e.message
}
