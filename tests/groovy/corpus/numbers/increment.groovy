def i = 5
i++
println i
i--
i--
println i
i += 10
println i
i *= 2
println i
i -= 1
println i
