def r = 3..7
println r.from
println r.to
println r.size()
println r.contains(5)
