def width = 4
println "|${'=' * width}|"
