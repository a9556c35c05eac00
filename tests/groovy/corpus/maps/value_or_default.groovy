def config = [timeout: 0, name: "", retries: null]
println config.timeout ?: 30
println config.name ?: "unnamed"
println config.retries ?: 3
println config.containsKey("retries") ? "retries set" : "retries missing"
println config.getOrDefault("retries", 5)
