/** What the harnesses' `error` stub throws: a build failed by the library, as opposed to a bug in it. */
class PipelineError extends RuntimeException {
  PipelineError(String message) { super(message) }
}
