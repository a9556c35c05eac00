def s = "text"
println s.size()
s.frobnicateTheWidgetsNow()
