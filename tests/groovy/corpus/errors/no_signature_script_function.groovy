println "calling"
notDefinedAnywhereInThisScript()
