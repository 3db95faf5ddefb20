package dev.mlci

import com.cloudbees.groovy.cps.NonCPS

/**
 * What the pipeline steps know about each mlci step: its options as the CLI takes them (StepOptions, generated
 * from the steps' input schemas in @mlci/core), and what its exit codes mean in words.
 */
class Steps implements Serializable {
  /** The mlci release the vars run; pinned, so a pipeline does not change under a new release. */
  static final String VERSION = '0.1.0'

  /** How the vars run mlci unless given `mlci:` or `install: 'binary'`. */
  static final String DEFAULT_MLCI = 'npx --yes @mlci/cli@' + VERSION

  /** How a var may get mlci (`install:`): npx (DEFAULT_MLCI), or the release's standalone executable. */
  static final List<String> INSTALLS = ['npx', 'binary']

  /**
   * The installer of the executable (`libraryResource`), shared with the GitLab components, and where it puts
   * the executable: in the workspace, beside the reports.
   */
  static final String INSTALL_BINARY_RESOURCE = 'dev/mlci/install-binary.sh'
  static final String BINARY_DIR = '.mlci/bin'

  /** The CLI's default report directory. The vars always pass `--out`, so they know where the report is. */
  static final String DEFAULT_OUT = '.mlci'

  /** Arguments of the vars themselves; never passed to the CLI. */
  static final List<String> PIPELINE_ARGUMENTS = ['mlci', 'credentialsId', 'deployCredentialsId', 'install']

  /** Steps that hand off to a deploy repository (docs/deploy.md), the only ones `deployCredentialsId` means anything to. */
  static final List<String> DEPLOY_STEPS = ['promote']

  /**
   * `options` are the step's (StepOptions). `records` are files the step writes into the report directory
   * besides `<step>.*`: archived with the reports and returned by name.
   */
  static final Map<String, Map> STEPS = [
    'validate-data': [
      options: StepOptions.OPTIONS['validate-data'],
      gateFailed: 'the data contract failed, see the report',
      records: [:],
    ],
    'train': [
      options: StepOptions.OPTIONS['train'],
      gateFailed: 'the training run failed (the command failed, timed out or wrote no outputs), see the report',
      records: [runRecord: 'run.json', provenance: 'provenance.intoto.json'],
    ],
    'evaluate': [
      options: StepOptions.OPTIONS['evaluate'],
      gateFailed: 'a quality gate failed (the candidate is worse than the gates allow), see the report',
      // metrics.txt is GitLab's metrics report; archived too, so every platform keeps the same files.
      records: [metricsText: 'metrics.txt'],
    ],
    'build-image': [
      options: StepOptions.OPTIONS['build-image'],
      // mlci's own build has no gate; only a Dockerfile handed to buildah, kaniko or docker can fail this way.
      gateFailed: 'the Dockerfile build failed (the report names the builder command), see the report',
      records: [:],
    ],
    'promote': [
      options: StepOptions.OPTIONS['promote'],
      gateFailed: 'the promotion was refused: the version lacks evidence (the report lists what is missing or failed), or another promotion of the alias won a race (run it again)',
      records: [:],
    ],
  ]

  @NonCPS
  static List<String> names() {
    return new ArrayList<String>(STEPS.keySet())
  }

  @NonCPS
  static boolean exists(Object step) {
    return step instanceof CharSequence && STEPS.containsKey(step.toString())
  }

  /** The first thing wrong with the arguments of a call, or null when they are fine. */
  @NonCPS
  static String problem(String step, Map args) {
    Map<String, String> options = STEPS[step].options
    for (Object key : args.keySet()) {
      String name = String.valueOf(key)
      Object value = args[key]
      if (PIPELINE_ARGUMENTS.contains(name)) {
        if (value != null && !(value instanceof CharSequence && value.toString().trim())) {
          return "${name} must be a non-empty string"
        }
        if (name == 'deployCredentialsId' && !DEPLOY_STEPS.contains(step)) {
          return "deployCredentialsId is for ${DEPLOY_STEPS.join(', ')} (the deploy repository's token), not ${step}"
        }
        if (name == 'install' && value != null && !INSTALLS.contains(value.toString())) {
          return "install must be one of ${INSTALLS.join(', ')}, got ${value}"
        }
        continue
      }
      if (!options.containsKey(name)) return "unknown argument ${name}"
      if (value == null) continue
      if (name == 'out' && (value.toString().startsWith('/') || value.toString().split('/').contains('..'))) {
        return 'out must be a relative path inside the workspace, where junit and archiveArtifacts look'
      }
      switch (options[name]) {
        case 'boolean':
          if (!(value instanceof Boolean || value.toString() in ['true', 'false'])) return "${name} must be true or false"
          break
        case 'number':
          if (!(value instanceof Number || value.toString().isNumber())) return "${name} must be a number"
          break
        case 'list':
          if (!(value instanceof Collection)) return "${name} must be a list"
          break
        default:
          if (value instanceof Collection || value instanceof Map) return "${name} must be a single value"
      }
    }
    return null
  }

  /** The report directory of a call, as a workspace-relative path for the junit and archiveArtifacts globs. */
  @NonCPS
  static String outDir(Map args) {
    String out = args.out == null ? DEFAULT_OUT : String.valueOf(args.out)
    out = out.replaceAll('^(\\./)+', '').replaceAll('/+$', '')
    return out ?: '.'
  }

  /**
   * The CLI arguments of a call as shell text: the step and flags as they are (they are ours), every value
   * quoted by Shell.quote. Options come in the order the step declares them; null values and false flags
   * are left out; `--out` is always there.
   */
  @NonCPS
  static String shellArguments(String step, Map args) {
    Map<String, String> options = STEPS[step].options
    List<String> words = [step]
    for (String key : options.keySet()) {
      Object value = key == 'out' ? outDir(args) : args[key]
      if (value == null) continue
      String flag = '--' + key.replaceAll('([A-Z])') { List<String> match -> '-' + match[1].toLowerCase() }
      switch (options[key]) {
        case 'boolean':
          if (value.toString() == 'true') words.add(flag)
          break
        case 'list':
          for (Object item : (Collection) value) {
            words.add(flag + ' ' + Shell.quote(item))
          }
          break
        default:
          words.add(flag + ' ' + Shell.quote(value))
      }
    }
    return words.join(' ')
  }

  /** The files of a call to archive: the reports and the step's records, as one archiveArtifacts pattern. */
  @NonCPS
  static String archivePattern(String step, Map args) {
    String out = outDir(args)
    List<String> patterns = ["${out}/${step}.*".toString()]
    for (Object file : STEPS[step].records.values()) patterns.add("${out}/${file}".toString())
    return patterns.join(',')
  }

  /** What a passed call returns: its status and the paths of its reports and records. */
  @NonCPS
  static Map returned(String step, Map args) {
    String out = outDir(args)
    Map result = [
      status: 'passed',
      json: "${out}/${step}.json".toString(),
      markdown: "${out}/${step}.md".toString(),
      junit: "${out}/${step}.junit.xml".toString(),
    ]
    STEPS[step].records.each { String name, String file -> result[name] = "${out}/${file}".toString() }
    return result
  }

  /** What an exit code other than 0 means, for error(); the codes are the same on every platform. */
  @NonCPS
  static String failure(String step, int status) {
    switch (status) {
      case 1:
        return "mlci ${step}: ${STEPS[step].gateFailed}".toString()
      case 2:
        return "mlci ${step}: usage or input error (exit 2): a bad argument, mlci.yaml field or input file, see the log above".toString()
      case 3:
        return "mlci ${step}: an outside service failed (exit 3), see the log above".toString()
      case 4:
        return "mlci ${step}: internal error in mlci (exit 4), see the log above".toString()
      case 129:
      case 130:
      case 143:
        // SIGHUP, SIGINT, SIGTERM: mlci undid its work first (docs/security.md, "Interrupts and signals").
        return "mlci ${step}: interrupted by a signal (exit ${status} = 128 + ${status - 128}); what it had changed was put back, see the log above".toString()
      default:
        return "mlci ${step}: the command exited with status ${status}; check that the mlci argument runs mlci".toString()
    }
  }
}
