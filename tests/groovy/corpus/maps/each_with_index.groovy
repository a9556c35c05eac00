[x: 10, y: 20].eachWithIndex { entry, i -> println "$i ${entry.key} ${entry.value}" }
