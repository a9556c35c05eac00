def rank = [Highest: 1, High: 2, Medium: 3, Low: 4]
def local = "Medium"
def remote = "High"
println rank[remote] < rank[local] ? "raise to $remote" : "keep $local"
