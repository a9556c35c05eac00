def x = "outer"
if (true) {
    def y = "inner"
    x = x + " " + y
}
println x
