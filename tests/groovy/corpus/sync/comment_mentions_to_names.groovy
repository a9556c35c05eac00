def users = [ann: "Ann Lee", bob: "Bob Stone"]
def body = "Thanks [~ann], ping [~bob] and [~cy]"
println body.replaceAll(/\[~(\w+)\]/) { whole, id -> users[id] ?: id }
