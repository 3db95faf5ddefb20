package dev.mlci

import com.cloudbees.groovy.cps.NonCPS

/**
 * The one place where a pipeline value becomes shell text. Jenkins runs `sh` scripts with /bin/sh, so the
 * quoting is POSIX: inside single quotes nothing is special, and a single quote itself is written as
 * '\'' (close the quotes, an escaped quote, reopen). A value like `x"; rm -rf / #`, `$(id)` or a
 * backtick therefore reaches the program as one literal argument.
 */
class Shell implements Serializable {
  @NonCPS
  static String quote(Object value) {
    return "'" + String.valueOf(value).replace("'", "'\\''") + "'"
  }
}
