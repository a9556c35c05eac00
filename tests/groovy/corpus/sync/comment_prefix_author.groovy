def comments = [[author: [displayName: "Ann Lee"], body: "Printer is on fire"],
                [author: [displayName: "Bob"], body: "Extinguisher on its way"]]
comments.each { c -> println "${c.author.displayName} commented: ${c.body}" }
