def user = null
println user?.name
println user?.name?.toUpperCase()
def other = [name: "ann"]
println other?.name?.toUpperCase()
