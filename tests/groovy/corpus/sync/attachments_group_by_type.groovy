def attachments = [[filename: "a.png", mimetype: "image/png", filesize: 100],
                   [filename: "log.txt", mimetype: "text/plain", filesize: 2048],
                   [filename: "b.png", mimetype: "image/png", filesize: 50]]
println attachments.groupBy { it.mimetype }.collectEntries { k, v -> [(k): v*.filename] }
println attachments*.filesize.sum()
