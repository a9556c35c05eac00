def risky(n) {
    if (n > 2) throw new Exception("too big: $n")
    n
}
def results = (1..4).collect { n ->
    try { risky(n) } catch (Exception e) { e.message }
}
println results
