def s = "Ticket SUP-42 reopened"
if (s =~ /SUP-\d+/) { println "mentions a ticket" }
if (!(s =~ /DEMO-\d+/)) { println "no demo ticket" }
