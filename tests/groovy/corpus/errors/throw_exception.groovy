println "about to fail"
throw new Exception("boom")
