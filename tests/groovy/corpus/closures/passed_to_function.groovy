def applyTwice(f, x) { f(f(x)) }
println applyTwice({ it + 3 }, 1)
println applyTwice({ it * it }, 3)
