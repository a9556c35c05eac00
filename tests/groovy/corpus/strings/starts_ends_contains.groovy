def s = "[JIRA] Fix login"
println s.startsWith("[JIRA]")
println s.endsWith("login")
println s.contains("Fix")
println s.contains("fix")
