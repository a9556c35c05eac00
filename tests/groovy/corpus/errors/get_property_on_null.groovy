def user = null
println "looking up"
println user.name
