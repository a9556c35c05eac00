println(('a'..'e').toList())
println(('a'..'e').join(""))
