// Runs every corpus snippet named on the command line in this one JVM, each as real Groovy runs a script
// file called Script1.groovy (fresh shell, fresh binding), and prints one JSON document:
// [{"path": ..., "stdout": what the snippet printed, "error": the message of what it threw, or null}].
import groovy.json.JsonOutput

def realOut = System.out
def results = args.collect { path ->
    def buffer = new ByteArrayOutputStream()
    def captured = new PrintStream(buffer, true, "UTF-8")
    String error = null
    System.setOut(captured)
    try {
        new GroovyShell().parse(new File(path).getText("UTF-8"), "Script1.groovy").run()
    } catch (Throwable problem) {
        error = problem.message ?: problem.class.name
    } finally {
        captured.flush()
        System.setOut(realOut)
    }
    [path: path, stdout: buffer.toString("UTF-8"), error: error]
}
realOut.println(JsonOutput.toJson(results))
