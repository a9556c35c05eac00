// groovy4: switch expressions (case ... ->) are Groovy 4 syntax; Groovy 2.4 does not parse them
def priority = "P2"
def local = switch (priority) {
    case "P1" -> "Highest"
    case "P2" -> "High"
    default -> "Medium"
}
println local
