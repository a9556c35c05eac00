def replicas = [[description: "Steps:\n1. open\n2. crash"], [description: ""], [description: null]]
replicas.each { replica ->
    def description = replica.description ?: "No description provided"
    println description.readLines().first() + " (" + description.readLines().size() + " lines)"
}
