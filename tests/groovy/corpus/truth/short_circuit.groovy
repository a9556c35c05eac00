def calls = []
def touch = { name -> calls << name; true }
false && touch("and")
true || touch("or")
true && touch("ran")
println calls
