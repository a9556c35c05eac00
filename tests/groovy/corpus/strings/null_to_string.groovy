def nothing = null
println nothing.toString()
println "" + nothing
println "${nothing}".size()
