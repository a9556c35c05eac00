// groovy4: Groovy 2.5+ names argument types of default-imported packages short (String, not java.lang.String)
println "sending"
sendTheWeeklyReportNow("weekly", 3)
