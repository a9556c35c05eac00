def body = "see [~ann] and [~bob]"
println body.replaceAll(/\[~(\w+)\]/, '@$1')
