def matrix = [[1, 2], [3, 4]]
println matrix[1][0]
println matrix.collect { row -> row.sum() }
println matrix.flatten().sum()
