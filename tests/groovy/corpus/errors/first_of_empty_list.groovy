println([1].first())
println([].first())
