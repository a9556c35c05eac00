def rows = [[id: 1, tags: ["a", "b"]], [id: 2, tags: []]]
rows.each { row -> println "${row.id}: ${row.tags ? row.tags.join(',') : '-'}" }
