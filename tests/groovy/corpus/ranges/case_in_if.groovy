def code = 404
if (code in 400..499) { println "client error" }
if (!(code in 500..599)) { println "not a server error" }
