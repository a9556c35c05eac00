def seen = []
for (x in [1, 2, 3, 4, 5]) {
    switch (x) {
        case 2:
            continue
        case 4:
            seen << "four"
            break
        default:
            seen << x
    }
    seen << "|"
}
println seen
