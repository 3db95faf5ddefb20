// Loads a Jenkins shared library outside Jenkins for the test harnesses (tests/jenkins/harness.groovy,
// tests/docs/jenkinsfile.groovy): its src/ classes and its vars, as Jenkins puts them on the classpath.
class SharedLibrary {
  final GroovyClassLoader loader
  final Map<String, Class> vars = [:]

  SharedLibrary(File root, ClassLoader parent) {
    loader = new GroovyClassLoader(parent)
    // The Pipeline plugin's annotation, which the library's classes use; outside Jenkins it has no effect.
    loader.parseClass('''package com.cloudbees.groovy.cps
import java.lang.annotation.*
@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD) @interface NonCPS {}''')
    loader.addClasspath(new File(root, 'src').path)
    new File(root, 'vars').eachFileMatch(~/.*\.groovy/) { File file ->
      vars[file.name - '.groovy'] = loader.parseClass(file)
    }
  }

  /** Deep copy with GStrings as Strings, so the JSON shows exactly what a step received. */
  static Object plain(Object value) {
    if (value instanceof Map) return value.collectEntries { k, v -> [(k.toString()): plain(v)] }
    if (value instanceof Collection) return value.collect { plain(it) }
    if (value instanceof CharSequence) return value.toString()
    return value
  }
}
