[1, 2, 3].each { n ->
    println "n=$n"
    if (n == 2) throw new IllegalStateException("stopped at $n")
}
