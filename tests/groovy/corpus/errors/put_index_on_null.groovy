def fields = null
println "setting"
fields["Story Points"] = 5
