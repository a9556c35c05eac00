def list = []
println list.find { true }
println list.findAll { true }
println list.collect { it }
println list.sum(0)
