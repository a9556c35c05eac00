def square(n) { n * n }
println square(7)
