def priorityMapping = ["P1": "Highest", "P2": "High", "P3": "Medium"]
["P1", "P3", "P9", null].each { p ->
    println "${p} => ${priorityMapping[p] ?: 'Medium'}"
}
