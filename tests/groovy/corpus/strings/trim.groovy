println "[" + "  padded  ".trim() + "]"
println "[" + "\t tabs \n".trim() + "]"
println "  ".trim().isEmpty()
