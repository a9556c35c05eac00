def people = [[name: "Ann"], [name: "Bob"]]
println people.name
println people.name.join("+")
