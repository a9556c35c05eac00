def key = "SUP-3"
throw new RuntimeException("Cannot sync ${key}: no project")
