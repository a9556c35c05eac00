println(["a", "b", "c"].join(", "))
println(["a", "b"].join(""))
println([1, 2, 3].join("-"))
println([].join(",").isEmpty())
