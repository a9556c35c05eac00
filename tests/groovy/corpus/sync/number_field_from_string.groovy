def raw = ["5", "", null, "3.5", "abc"]
println raw.collect { it?.isNumber() ? it.toBigDecimal() : 0 }
