def score = 72
def grade = score >= 90 ? "A" : score >= 70 ? "B" : "C"
println grade
