def text = "user=ann;role=admin"
println text.find(/role=(\w+)/) { whole, role -> role }
println text.findAll(/(\w+)=(\w+)/) { whole, key, value -> key }
