def log = []
try {
    log << "try"
    throw new Exception("boom")
} catch (Exception e) {
    log << "catch " + e.message
} finally {
    log << "finally"
}
println log
