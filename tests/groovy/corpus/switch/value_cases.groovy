def describe(x) {
    switch (x) {
        case 1: return "one"
        case "two": return "the string two"
        case 3.5: return "three and a half"
        default: return "something else"
    }
}
println describe(1)
println describe("two")
println describe(3.5)
println describe(4)
