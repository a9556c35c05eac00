def priority = "High"
def level
switch (priority) {
    case "Highest":
    case "High":
        level = 1
        break
    case "Medium":
        level = 2
        break
    default:
        level = 3
}
println level
