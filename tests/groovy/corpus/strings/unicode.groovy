def body = "Café — naïve façade"
println body.toUpperCase()
println body.size()
println body.reverse()
println body.replaceAll(/[^\x00-\x7F]/, "?")
