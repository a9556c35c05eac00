def user = [name: "Ann", address: [city: "Ghent"]]
println "$user.name lives in $user.address.city"
println "${user.name.toUpperCase()}"
