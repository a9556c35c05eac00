def show = { "it is " + it }
println show()
println show(1)
