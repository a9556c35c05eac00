def comment = [body: "Done.", author: [displayName: "Ann"], created: "2024-05-01"]
println """${comment.body}

-- ${comment.author.displayName} (${comment.created})"""
