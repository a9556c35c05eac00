def start = 2
def end = 4
println((start..end).toList())
println((start..<end).toList())
