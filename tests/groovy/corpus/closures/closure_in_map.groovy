def ops = [inc: { it + 1 }, dbl: { it * 2 }]
println ops.inc(5)
println ops["dbl"](5)
println ops.collect { name, op -> "$name:${op(10)}" }
