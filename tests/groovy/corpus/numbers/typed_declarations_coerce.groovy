int half = 7 / 2
println half
Integer quarter = 10 / 4
println quarter
String text = 5
println text + 1
long big = 3
println big * 1000000000000
BigDecimal price = 3
println price / 2
