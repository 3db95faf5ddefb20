// Runs the shared library's vars outside Jenkins, with stub pipeline steps that record every call.
// Usage: groovy harness.groovy LIBRARY_DIR CASES_JSON > results.json
// CASES_JSON is a list of { name, var, args, shStatus?, shThrows?, credentials?: {id: secret},
// execute?: { cwd, env } }. With `execute`, the sh stub really runs the script with /bin/sh (as Jenkins
// does), in cwd, with env plus what withCredentials bound, and returns its exit status (its stdout with
// returnStdout), and writeFile writes into cwd. libraryResource reads LIBRARY_DIR/resources/.
// Prints one JSON object: { steps, defaults (from dev.mlci.Steps), results: [{ name, calls, returned, error }] }.
// It cannot catch CPS or sandbox problems of a real Jenkins, only what the vars do.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.runtime.InvokerHelper

File library = new File(args[0])
List cases = new JsonSlurper().parse(new File(args[1])) as List
SharedLibrary sharedLibrary = new SharedLibrary(library, this.class.classLoader)
GroovyClassLoader loader = sharedLibrary.loader
Map<String, Class> vars = sharedLibrary.vars

List results = cases.collect { Map testCase ->
  List calls = []
  List<String> wrappers = []
  Map<String, String> bound = [:]
  Closure record = { String step, Object arguments ->
    Map call = [step: step, args: SharedLibrary.plain(arguments), within: new ArrayList(wrappers)]
    calls << call
    return call
  }
  Binding binding = new Binding()
  binding.setVariable('env', new LinkedHashMap(testCase.env ?: [:]))
  binding.setVariable('echo', { Object message -> record('echo', message) })
  binding.setVariable('error', { Object message ->
    record('error', message)
    throw new PipelineError(message.toString())
  })
  binding.setVariable('junit', { Map arguments -> record('junit', arguments) })
  binding.setVariable('archiveArtifacts', { Map arguments -> record('archiveArtifacts', arguments) })
  binding.setVariable('string', { Map arguments -> [binding: 'string'] + SharedLibrary.plain(arguments) })
  binding.setVariable('withCredentials', { List bindings, Closure body ->
    record('withCredentials', bindings)
    Map<String, String> saved = new LinkedHashMap(bound)
    bindings.each { Map b -> bound[b.variable] = (testCase.credentials ?: [:])[b.credentialsId] ?: 'unknown credential' }
    wrappers.push('withCredentials')
    try {
      return body.call()
    } finally {
      wrappers.pop()
      bound.clear()
      bound.putAll(saved)
    }
  })
  // The library's resources/ as Jenkins serves them; writeFile writes under the case's working directory.
  binding.setVariable('libraryResource', { String path ->
    record('libraryResource', path)
    return new File(library, "resources/${path}").getText('UTF-8')
  })
  binding.setVariable('writeFile', { Map arguments ->
    record('writeFile', [file: arguments.file, chars: arguments.text.toString().length()])
    if (testCase.execute) {
      File file = new File(testCase.execute.cwd.toString(), arguments.file.toString())
      file.parentFile.mkdirs()
      file.setText(arguments.text.toString(), 'UTF-8')
    }
  })
  binding.setVariable('sh', { Map arguments ->
    Map call = record('sh', arguments)
    if (testCase.shThrows) throw new InterruptedException(testCase.shThrows.toString())
    if (testCase.execute) {
      ProcessBuilder builder = new ProcessBuilder('/bin/sh', '-c', arguments.script.toString())
      builder.directory(new File(testCase.execute.cwd.toString()))
      builder.environment().putAll(testCase.execute.env ?: [:])
      builder.environment().putAll(bound)
      Process process = builder.start()
      StringBuffer stdout = new StringBuffer()
      StringBuffer stderr = new StringBuffer()
      process.waitForProcessOutput(stdout, stderr)
      call.executed = [status: process.exitValue(), stdout: stdout.toString(), stderr: stderr.toString()]
      // As Jenkins: with returnStdout a failed script fails the step; otherwise the status is returned.
      if (arguments.returnStdout) {
        if (process.exitValue() != 0) throw new PipelineError("script returned exit code ${process.exitValue()}")
        return stdout.toString()
      }
      return process.exitValue()
    }
    return testCase.shStatus ?: 0
  })
  vars.each { String name, Class type -> binding.setVariable(name, InvokerHelper.createScript(type, binding)) }

  Map result = [name: testCase.name, calls: calls]
  try {
    result.returned = SharedLibrary.plain(binding.getVariable(testCase.var.toString()).call(testCase.args ?: [:]))
  } catch (PipelineError error) {
    result.error = error.message
  } catch (InterruptedException interrupted) {
    result.interrupted = interrupted.message
  }
  return result
}

Class steps = loader.loadClass('dev.mlci.Steps')
println JsonOutput.toJson([
  steps: SharedLibrary.plain(steps.STEPS),
  defaults: [mlci: steps.DEFAULT_MLCI, out: steps.DEFAULT_OUT],
  results: results,
])
