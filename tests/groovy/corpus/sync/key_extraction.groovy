def text = "Duplicates SUP-12 and relates to DEMO-7, see SUP-12"
println text.findAll(/[A-Z]+-\d+/).unique()
