def n = "0042".toInteger()
println n
println "" + n + 1
println "${n + 1}"
