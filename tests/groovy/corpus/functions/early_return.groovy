def find(list, target) {
    for (item in list) {
        if (item == target) return "found $target"
    }
    return "missing $target"
}
println find([1, 2, 3], 2)
println find([1, 2, 3], 5)
