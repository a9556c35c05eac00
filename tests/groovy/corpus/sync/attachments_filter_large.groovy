def attachments = [[filename: "big.zip", filesize: 5000000], [filename: "small.txt", filesize: 10]]
def limit = 1024 * 1024
println attachments.findAll { it.filesize <= limit }*.filename
