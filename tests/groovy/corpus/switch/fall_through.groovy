def log = []
switch (2) {
    case 1: log << "one"
    case 2: log << "two"
    case 3: log << "three"
        break
    case 4: log << "four"
}
println log
