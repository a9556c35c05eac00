def pairs = []
for (a in 1..3) {
    for (b in 1..3) {
        if (b > a) break
        pairs << "$a$b"
    }
}
println pairs
