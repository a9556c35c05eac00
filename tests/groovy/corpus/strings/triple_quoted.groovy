def text = '''first
second
third'''
println text
println text.readLines().size()
