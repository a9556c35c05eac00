def people = [[name: "Cy", age: 40], [name: "Ann", age: 30], [name: "Bob", age: 35]]
println people.sort { it.age }*.name
println people.sort { it.name }*.name
