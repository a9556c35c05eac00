println([a: [1, 2], b: [c: null], d: "text with space"])
println([:])
