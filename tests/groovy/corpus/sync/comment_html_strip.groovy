def html = "<p>Hello <b>world</b></p><br/>Bye"
println html.replaceAll(/<br\s*\/?>/, "\n").replaceAll(/<[^>]+>/, "")
