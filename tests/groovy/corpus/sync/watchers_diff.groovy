def local = ["ann", "bob"]
def remote = ["bob", "cy", "dee"]
println "add: ${remote - local}"
println "remove: ${local - remote}"
