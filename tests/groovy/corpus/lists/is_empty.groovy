println([].isEmpty())
println([1].isEmpty())
println([].size())
