def map = [a: 1, b: 2]
for (entry in map) { println "${entry.key}=${entry.value}" }
