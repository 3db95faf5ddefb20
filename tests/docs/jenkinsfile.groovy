// Runs the Jenkinsfiles of the docs against the shared library, outside Jenkins.
// Usage: groovy jenkinsfile.groovy LIBRARY_DIR CASES_JSON > results.json, or without CASES_JSON, lists of
// cases read line by line from stdin, each answered by a line of results.
// CASES_JSON is a list of { name, script, cwd, env, mlci }: `script` is Jenkinsfile text without its @Library
// line; declarative `pipeline { agent … stages { stage(…) { when { … } steps { … } } } }` runs its closures in
// order, a stage's steps only when its `when` holds.
// The `sh` stub really runs each script with bash in cwd (with env and what withCredentials bound), after
// replacing the library's default command (the pinned npx package) at its start with `mlci`, the local CLI.
// Prints [{ name, calls: [{ step, args, status?, stdout?, stderr? }], error?, exception? }].
// Like tests/jenkins/harness.groovy it cannot catch CPS or sandbox problems of a real Jenkins.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.codehaus.groovy.runtime.InvokerHelper

File library = new File(args[0])
SharedLibrary sharedLibrary = new SharedLibrary(library, this.class.classLoader)
GroovyClassLoader loader = sharedLibrary.loader
Map<String, Class> vars = sharedLibrary.vars
String defaultMlci = loader.loadClass('dev.mlci.Steps').DEFAULT_MLCI

Closure runCase = { Map testCase ->
  List calls = []
  Map<String, String> bound = [:]
  Closure record = { String step, Object arguments ->
    Map call = [step: step, args: SharedLibrary.plain(arguments)]
    calls << call
    return call
  }
  Binding binding = new Binding()
  binding.setVariable('env', new LinkedHashMap(testCase.env ?: [:]))
  // Declarative Pipeline: the directives this test knows run their bodies; any other one is a missing method.
  binding.setVariable('any', 'any')
  binding.setVariable('pipeline', { Closure body -> record('pipeline', null); body.call() })
  binding.setVariable('agent', { Object agent -> record('agent', agent) })
  binding.setVariable('stages', { Closure body -> body.call() })
  // A stage's `when` decides whether its `steps` run, with the conditions of a multibranch build: buildingTag()
  // (TAG_NAME set), branch 'NAME' (BRANCH_NAME: the branch, the tag or PR-N), changeRequest() (CHANGE_ID set), not.
  boolean stageRuns = true
  binding.setVariable('stage', { String name, Closure body ->
    record('stage', name)
    stageRuns = true
    body.call()
  })
  binding.setVariable('when', { Closure condition ->
    stageRuns = condition.call() as boolean
    record('when', stageRuns)
  })
  binding.setVariable('buildingTag', { -> binding.getVariable('env').TAG_NAME != null })
  binding.setVariable('changeRequest', { -> binding.getVariable('env').CHANGE_ID != null })
  binding.setVariable('branch', { String name -> binding.getVariable('env').BRANCH_NAME == name })
  binding.setVariable('not', { Closure condition -> !(condition.call() as boolean) })
  binding.setVariable('steps', { Closure body -> if (stageRuns) body.call() })
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
    bindings.each { Map b -> bound[b.variable] = "secret of ${b.credentialsId}".toString() }
    try {
      return body.call()
    } finally {
      bound.clear()
      bound.putAll(saved)
    }
  })
  binding.setVariable('sh', { Map arguments ->
    Map call = record('sh', arguments)
    String script = arguments.script.toString()
    if (script.startsWith(defaultMlci + ' ')) script = testCase.mlci + script.substring(defaultMlci.length())
    ProcessBuilder builder = new ProcessBuilder('bash', '--noprofile', '--norc', '-c', script)
    builder.directory(new File(testCase.cwd.toString()))
    builder.environment().putAll(testCase.env ?: [:])
    builder.environment().putAll(bound)
    Process process = builder.start()
    process.outputStream.close()
    StringBuffer stdout = new StringBuffer()
    StringBuffer stderr = new StringBuffer()
    process.waitForProcessOutput(stdout, stderr)
    call.status = process.exitValue()
    call.stdout = stdout.toString()
    call.stderr = stderr.toString()
    return process.exitValue()
  })
  vars.each { String name, Class type -> binding.setVariable(name, InvokerHelper.createScript(type, binding)) }

  Map result = [name: testCase.name, calls: calls]
  try {
    new GroovyShell(loader, binding).evaluate(testCase.script.toString(), "${testCase.name.replaceAll(/\W+/, '_')}.groovy")
  } catch (PipelineError error) {
    result.error = error.message
  } catch (Throwable thrown) {
    result.exception = thrown.toString()
  }
  return result
}

if (args.length > 1) {
  println JsonOutput.toJson((new JsonSlurper().parse(new File(args[1])) as List).collect(runCase))
} else {
  // One build after another, decided between them (a commit, a tag): one JSON list of cases per line of stdin,
  // one JSON list of results per line of stdout, so the builds share one JVM and one compiled library.
  System.in.newReader('UTF-8').eachLine { String line ->
    println JsonOutput.toJson((new JsonSlurper().parseText(line) as List).collect(runCase))
    System.out.flush()
  }
}
