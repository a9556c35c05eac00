def lists = [[1, 2], [3]]
lists.each { inner ->
    inner.each { println "value $it of ${inner.size()}" }
}
