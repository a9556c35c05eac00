import java.text.SimpleDateFormat

def remoteFormat = new SimpleDateFormat("yyyy-MM-dd")
def localFormat = new SimpleDateFormat("dd/MM/yyyy")
def due = remoteFormat.parse("2024-03-05")
println localFormat.format(due)
def earlier = remoteFormat.parse("2024-01-31")
println earlier < due
println remoteFormat.format(earlier)
