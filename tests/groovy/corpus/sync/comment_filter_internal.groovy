def comments = [[id: 1, body: "public", internal: false], [id: 2, body: "secret", internal: true],
                [id: 3, body: "also public"]]
println comments.findAll { !it.internal }*.id
println comments.findAll { !it.internal }.collect { it.body.toUpperCase() }
