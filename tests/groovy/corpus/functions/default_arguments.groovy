def label(text, prefix = "[x]") { "$prefix $text" }
println label("one")
println label("two", "[y]")
