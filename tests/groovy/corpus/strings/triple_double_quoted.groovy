def who = "team"
def text = """Dear ${who},
  thanks."""
println text
