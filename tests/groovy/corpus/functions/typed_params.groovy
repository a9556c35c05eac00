String shout(String s, int times) {
    (s.toUpperCase() + "!") * times
}
println shout("hey", 2)
