def replica = [comments: null]
println replica.comments?.size()
println replica.comments.size()
