["a", "b", "c"].eachWithIndex { item, i -> println "$i: $item" }
