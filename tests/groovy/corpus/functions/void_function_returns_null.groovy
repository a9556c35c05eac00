def nothing() { }
println nothing()
