def replica = [components: null]
println replica.components?.getAt(0)
println replica.components[0]
