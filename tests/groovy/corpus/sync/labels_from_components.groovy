def replica = [components: [[name: "API"], [name: "Web UI"], [name: "API"]]]
println replica.components*.name.unique().collect { "comp:" + it.toLowerCase().replaceAll(/\s+/, "-") }
