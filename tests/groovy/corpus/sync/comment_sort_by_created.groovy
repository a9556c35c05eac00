def comments = [[body: "b", created: "2024-02-01"], [body: "a", created: "2024-01-15"],
                [body: "c", created: "2024-03-09"]]
println comments.sort { it.created }*.body.join(" ")
