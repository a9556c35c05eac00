def total = 10
total /= 4
println total
total = 9
total %= 4
println total
