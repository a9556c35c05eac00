def vowels = 0
for (c in "education") { if (c in ["a", "e", "i", "o", "u"]) vowels++ }
println vowels
