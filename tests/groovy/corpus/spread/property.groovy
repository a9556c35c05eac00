def people = [[name: "Ann", age: 30], [name: "Bob", age: 25]]
println people*.name
println people*.age.sum()
