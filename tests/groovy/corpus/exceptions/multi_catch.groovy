def attempt(Closure c) {
    try { c(); "ok" }
    catch (IllegalArgumentException | ArithmeticException e) { "handled " + e.message }
}
println attempt { throw new IllegalArgumentException("arg") }
println attempt { 1.intdiv(0) }
println attempt { 42 }
