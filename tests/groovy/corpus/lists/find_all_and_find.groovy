def list = [5, 12, 8, 20, 3]
println list.findAll { it > 7 }
println list.find { it > 7 }
println list.find { it > 100 }
println list.findAll { it > 100 }
