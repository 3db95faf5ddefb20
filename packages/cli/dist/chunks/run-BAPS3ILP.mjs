#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  aliasHolder,
  isNoHolder
} from "./chunk-CZAUSQ5U.mjs";
import {
  checkDeployRepo,
  credentialsFromEnv,
  maskGitText,
  openChangeRequest,
  runGit
} from "./chunk-3WNJNPRY.mjs";
import {
  parseBaseReference,
  readLayoutBlob,
  readLayoutIndex,
  tagLayout
} from "./chunk-IWFGKYI6.mjs";
import {
  versionRegisteredFrom
} from "./chunk-576TQ6KU.mjs";
import {
  git,
  writeStepReports
} from "./chunk-HGLLVRDD.mjs";
import "./chunk-K3J2CXMS.mjs";
import "./chunk-YWAIXB75.mjs";
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  InlineMarkdown,
  bareUrl,
  codeSpan,
  heading,
  md,
  plural,
  table
} from "./chunk-5PJDXVWP.mjs";
import "./chunk-VQWOU3SX.mjs";
import {
  checkAliasName,
  isAliasName
} from "./chunk-T5LB56MC.mjs";
import {
  openStepRegistry
} from "./chunk-3U2PU2IP.mjs";
import "./chunk-XMRYHEY6.mjs";
import {
  RegistryClient
} from "./chunk-FIL44SLO.mjs";
import {
  formatReference,
  isValidTag,
  parseReference
} from "./chunk-J77EQZPR.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import {
  registerCleanup
} from "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  InputError,
  ServiceError,
  firstLine
} from "./chunk-C6XSGGFY.mjs";
import {
  __commonJS,
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports, module) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports, module) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var valid = (version, options) => {
      const v = parse(version, options);
      return v ? v.version : null;
    };
    module.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var clean = (version, options) => {
      const s = parse(version.trim().replace(/^[=v]+/, ""), options);
      return s ? s.version : null;
    };
    module.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse(version1, null, true);
      const v2 = parse(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var prerelease = (version, options) => {
      const parsed = parse(version, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose));
    module.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
    module.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports, module) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options);
    };
    module.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var constants = require_constants();
    var SemVer = require_semver();
    var truncate = (version, truncation, options) => {
      if (!constants.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse(versionStringToParse, options);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports, module) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports, module) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result + range.slice(copyFrom);
    };
    module.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports, module) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i = 0; i < this.set.length; i++) {
            if (i > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result = [...rangeMap.values()];
        cache.set(memoKey, result);
        return result;
      }
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug("caret", comp);
      comp = replaceTildes(comp, options);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug("xrange", comp);
      comp = replaceStars(comp, options);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports, module) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options) => {
      version = new SemVer(version, options);
      range = new Range(range, options);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options)) {
        return false;
      }
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options) => outside(version, range, ">", options);
    module.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options) => outside(version, range, "<", options);
    module.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports, module) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version of v) {
        const included = satisfies(version, range, options);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports, module) {
    "use strict";
    var internalRe = require_re();
    var constants = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module.exports = {
      parse,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// packages/core/src/steps/promote/run.ts
import { resolve as resolve2 } from "node:path";

// packages/core/src/image/retag.ts
async function retagImage(reference, digest, tags, options) {
  checkImageTags(tags);
  const where = imageLocation(reference);
  if (where.kind === "layout") {
    const { dir } = where;
    const entry = (await readLayoutIndex(dir))?.manifests.find((each) => each.digest === digest);
    const bytes = entry ? void 0 : await readLayoutBlob(dir, digest).catch(() => void 0);
    if (!entry && !bytes) throw new InputError(`image ${digest} is not in the OCI layout ${dir}`);
    const descriptor = entry ?? {
      mediaType: parseJson(bytes, `${dir}: ${digest}`).mediaType,
      digest,
      size: bytes.length
    };
    for (const tag of tags) await tagLayout(dir, descriptor, tag);
    return retagTargets(reference, tags);
  }
  const { host, repository } = where;
  const client = new RegistryClient({
    host,
    repository,
    env: options.env,
    logger: options.logger,
    ...options.insecure !== void 0 ? { insecure: options.insecure } : {}
  });
  const manifest = await client.getManifest(repository, digest);
  if (!manifest) throw new InputError(`image ${host}/${repository}@${digest} is not in its registry`);
  for (const tag of tags) await client.putManifest(repository, tag, manifest.bytes, manifest.mediaType);
  return retagTargets(reference, tags);
}
function checkImageTags(tags) {
  for (const tag of tags)
    if (!isValidTag(tag))
      throw new InputError(`image tag '${tag}': not a valid OCI tag (letters, digits, ._-)`);
}
function retagTargets(reference, tags) {
  const where = imageLocation(reference);
  return tags.map(
    (tag) => where.kind === "layout" ? `oci:${where.dir}:${tag}` : `${where.host}/${where.repository}:${tag}`
  );
}
function imageLocation(reference) {
  const parsed = parseBaseReference(reference);
  if (parsed.kind === "layout") return { kind: "layout", dir: parsed.dir };
  if (parsed.kind === "registry")
    return { kind: "registry", host: parsed.reference.host, repository: parsed.reference.repository };
  throw new InputError(`image '${reference}': not an image reference`);
}

// packages/core/src/deploy/handoff.ts
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, normalize, resolve } from "node:path";

// packages/core/src/deploy/edit.ts
var import_yaml = __toESM(require_dist(), 1);
import { basename } from "node:path";

// packages/core/src/deploy/image-ref.ts
function splitReference(reference) {
  const withoutDigest = reference.split("@")[0];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  if (colon > slash)
    return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { repository: withoutDigest };
}
function pinnedReference(image) {
  return `${image.repository}:${image.tag}@${image.digest}`;
}
function deployImageOf(record, label, tag, pullRepository) {
  const reference = record.references.find((candidate) => !candidate.startsWith("oci:"));
  if (pullRepository !== void 0) {
    const parsed = parseReference(pullRepository);
    if (parsed.tag !== void 0 || parsed.digest !== void 0)
      throw new InputError(
        `deploy-image: "${pullRepository}" names a tag or digest: give the repository only (the tag is the release's, the digest the version's)`
      );
    const builtTag2 = splitReference(reference ?? record.references[0] ?? "").tag;
    return { repository: formatReference(parsed), tag: tag ?? builtTag2 ?? "latest", digest: record.digest };
  }
  if (reference === void 0)
    throw new InputError(
      `deploy: the image of ${label} is only in an OCI layout (${record.references[0] ?? "no reference"}): a cluster pulls from a registry, so build-image with push and attach-to, or give deploy-image, the repository the layout is copied to`
    );
  const { repository, tag: builtTag } = splitReference(reference);
  return { repository, tag: tag ?? builtTag ?? "latest", digest: record.digest };
}

// packages/core/src/deploy/edit.ts
var templatedKinds = /* @__PURE__ */ new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "ReplicationController"
]);
var kustomizationNames = /* @__PURE__ */ new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);
function editDeployFile(text, file, image, target) {
  const documents = parseDocuments(text, file);
  const isKustomization = kustomizationNames.has(basename(file)) || documents.some((doc) => doc.get("kind") === "Kustomization");
  const splices = [];
  const editor = new Editor(text, splices);
  let kind;
  if (isKustomization) {
    if (target.key !== void 0 || target.container !== void 0)
      throw new InputError(
        `${file}: a kustomization takes its image from its images entry: drop deploy-key and deploy-container for it`
      );
    kind = "kustomization";
    editKustomization(documents, file, image, editor);
  } else if (target.key !== void 0) {
    if (target.container !== void 0)
      throw new InputError(
        `${file}: give deploy-key (Helm values) or deploy-container (a manifest), not both`
      );
    kind = "helm-values";
    editHelmValues(documents, file, image, target.key, editor);
  } else {
    kind = "manifest";
    editManifest(documents, file, image, target.container, editor);
  }
  let edited = text;
  for (const splice of [...splices].sort((a, b) => b.start - a.start))
    edited = edited.slice(0, splice.start) + splice.text + edited.slice(splice.end);
  return { kind, text: edited, changed: edited !== text };
}
function parseDocuments(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  let parsed;
  try {
    parsed = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    throw new InputError(`${file}: cannot parse as YAML: ${error.message}`);
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error)
      throw new InputError(
        `${file}:${lineCounter.linePos(error.pos[0]).line}: invalid YAML: ${error.message.split("\n")[0]}`
      );
  }
  return documents;
}
var Editor = class {
  constructor(source, splices) {
    this.source = source;
    this.splices = splices;
  }
  source;
  splices;
  /** Sets `key` of a block map to a string: the scalar replaced in place (its quoting kept), or a line added. */
  set(map, key, value, file) {
    const pair = map.items.find((item) => (0, import_yaml.isScalar)(item.key) && item.key.value === key);
    const node = pair?.value;
    if ((0, import_yaml.isScalar)(node) && node.range) {
      if (node.value === value) return;
      this.splices.push({ start: node.range[0], end: node.range[1], text: render(value, node.type) });
      return;
    }
    if (pair && node !== null && node !== void 0)
      throw new InputError(`${file}: ${key} holds a ${(0, import_yaml.isMap)(node) ? "map" : "list"}, not an image field`);
    const first = map.items[0]?.key;
    if (map.flow || !first?.range)
      throw new InputError(`${file}: cannot add ${key} to a flow-style map: write it as a block map`);
    const lineStart = this.source.lastIndexOf("\n", first.range[0] - 1) + 1;
    const indent = " ".repeat(first.range[0] - lineStart);
    const last = map.items.at(-1);
    const lastNode = last?.value ?? last?.key;
    const end = lastNode?.range?.[1] ?? first.range[1];
    const newline = this.source.indexOf("\n", end);
    const line = `${indent}${key}: ${render(value, import_yaml.Scalar.PLAIN)}`;
    if (newline === -1)
      this.splices.push({ start: this.source.length, end: this.source.length, text: `
${line}` });
    else this.splices.push({ start: newline + 1, end: newline + 1, text: `${line}
` });
  }
};
function render(value, type) {
  if (type === import_yaml.Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === import_yaml.Scalar.QUOTE_SINGLE) return `'${value.replaceAll("'", "''")}'`;
  return (0, import_yaml.stringify)(value).trimEnd();
}
function editKustomization(documents, file, image, editor) {
  const images = documents.map((doc) => doc.get("images", true)).find((node) => node !== void 0);
  const entries = (0, import_yaml.isSeq)(images) ? images.items.filter(import_yaml.isMap) : [];
  const effectiveName = (entry2) => String(entry2.get("newName") ?? entry2.get("name") ?? "");
  const entry = entries.find((candidate) => effectiveName(candidate) === image.repository);
  if (!entry)
    throw new InputError(
      `${file}: no images entry for ${image.repository} (found: ${entries.map(effectiveName).join(", ") || "none"}); add "- name: ${image.repository}" under images`
    );
  if (entry.get("digest") === image.digest) return;
  editor.set(entry, "newTag", image.tag, file);
  editor.set(entry, "digest", image.digest, file);
}
function pullsImage(reference, image) {
  return typeof reference === "string" && reference.endsWith(`@${image.digest}`) && splitReference(reference).repository === image.repository;
}
function editHelmValues(documents, file, image, key, editor) {
  const path = key.split(".");
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  const document = documents.find((doc) => doc.hasIn(path));
  const node = document?.getIn(path, true);
  if (!document || node === void 0 || node === null)
    throw new InputError(`${file}: no key ${key} in these Helm values`);
  if ((0, import_yaml.isScalar)(node)) {
    if (pullsImage(node.value, image)) return;
    const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
    editor.set(parent, last, pinnedReference(image), file);
    return;
  }
  if (!(0, import_yaml.isMap)(node)) throw new InputError(`${file}: ${key} is a list, not an image`);
  if (!node.has("tag") && !node.has("digest"))
    throw new InputError(
      `${file}: ${key} has neither tag nor digest: give the key of the image's map or string`
    );
  const repository = node.has("registry") ? `${node.get("registry")}/${node.get("repository")}` : String(node.get("repository") ?? image.repository);
  const pinned = node.has("digest") ? node.get("digest") === image.digest : String(node.get("tag") ?? "").endsWith(`@${image.digest}`);
  if (pinned && repository === image.repository) return;
  if (node.has("registry")) {
    const [registry, ...rest] = image.repository.split("/");
    editor.set(node, "registry", registry, file);
    editor.set(node, "repository", rest.join("/"), file);
  } else if (node.has("repository")) editor.set(node, "repository", image.repository, file);
  if (node.has("digest")) {
    if (node.has("tag")) editor.set(node, "tag", image.tag, file);
    editor.set(node, "digest", image.digest, file);
  } else editor.set(node, "tag", `${image.tag}@${image.digest}`, file);
}
function podSpecPath(kind) {
  if (kind === "Pod") return ["spec"];
  if (kind === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec"];
  if (typeof kind === "string" && templatedKinds.has(kind)) return ["spec", "template", "spec"];
  return void 0;
}
function editManifest(documents, file, image, container, editor) {
  let found = 0;
  for (const document of documents) {
    const path = podSpecPath(document.get("kind"));
    if (!path) continue;
    for (const list of ["containers", "initContainers"]) {
      const containers = document.getIn([...path, list], true);
      if (!(0, import_yaml.isSeq)(containers)) continue;
      for (const entry of containers.items) {
        if (!(0, import_yaml.isMap)(entry)) continue;
        const matches = container !== void 0 ? entry.get("name") === container : splitReference(String(entry.get("image") ?? "")).repository === image.repository;
        if (!matches) continue;
        found++;
        if (!pullsImage(entry.get("image"), image)) editor.set(entry, "image", pinnedReference(image), file);
      }
    }
  }
  if (found === 0)
    throw new InputError(
      container !== void 0 ? `${file}: no container named ${container} in a Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob` : `${file}: no container runs ${image.repository}: give deploy-container (the container's name), or deploy-key for Helm values`
    );
}

// packages/core/src/deploy/handoff.ts
var pushAttempts = 4;
async function prepareHandoff(input, options) {
  checkHandoff(input.repo, input.files);
  const source = isRemote(input.repo) ? input.repo : resolve(input.cwd, input.repo);
  const work = await mkdtemp(join(tmpdir(), "mlci-deploy-"));
  const removeClone = registerCleanup(async () => {
    await rm(work, { recursive: true, force: true });
    return "removed the clone of the deploy repository";
  });
  const dispose = async () => {
    await removeClone.run();
  };
  const git2 = async (args, what) => {
    const output = await runGit(args, work, input.credentials);
    if (output.code !== 0)
      throw new ServiceError(
        `deploy repository ${input.repo}: git ${what} failed: ${firstLine(maskGitText(output.stderr, input.credentials))}`
      );
    return output.stdout.trim();
  };
  const edit = async () => {
    const files = await applyEdits(work, input);
    const diff = await git2(["-c", "core.quotepath=off", "diff", "--no-color", "--", ...input.files], "diff");
    return { files, diff: diff === "" ? "" : `${diff}
` };
  };
  try {
    const branchArgs = input.branch ? ["--branch", input.branch] : [];
    const cloned = await runGit(
      ["clone", "--quiet", "--depth", "1", "--single-branch", ...branchArgs, "--", source, work],
      input.cwd,
      input.credentials
    );
    if (cloned.code !== 0) {
      const reason = firstLine(maskGitText(cloned.stderr, input.credentials));
      if (input.branch && /Remote branch .* not found/i.test(cloned.stderr))
        throw new InputError(`deploy-branch ${input.branch}: no such branch in ${input.repo}`);
      throw new ServiceError(`deploy repository ${input.repo}: git clone failed: ${reason}`);
    }
    const branch = input.branch ?? await git2(["symbolic-ref", "--short", "HEAD"], "symbolic-ref");
    const first = await edit();
    const image = pinnedReference(input.image);
    const base = { repo: input.repo, branch, image };
    const publish = async () => {
      let current = first;
      for (let attempt = 1; ; attempt++) {
        const { files, diff } = current;
        if (diff === "") {
          options.logger.info(`deploy: ${input.files.join(", ")} in ${input.repo} already run ${image}`);
          return { ...base, files, outcome: "unchanged", diff, attempts: attempt - 1 };
        }
        if (input.dryRun) {
          options.logger.info(
            `deploy (dry run, nothing pushed): the change to ${branch} of ${input.repo}:
${diff}`
          );
          return { ...base, files, outcome: "planned", diff, attempts: 0 };
        }
        await git2(["add", "--", ...input.files], "add");
        await git2(
          [
            "-c",
            "user.name=mlci",
            "-c",
            "user.email=mlci@users.noreply.invalid",
            "commit",
            "--quiet",
            "-m",
            commitMessage(input)
          ],
          "commit"
        );
        const commit = await git2(["rev-parse", "HEAD"], "rev-parse");
        if (input.mode === "request") {
          const requestBranch = `mlci/deploy/${input.release.model}-${input.release.alias}`;
          await git2(["push", "--quiet", "--force", "origin", `HEAD:refs/heads/${requestBranch}`], "push");
          const request = await openChangeRequest(
            {
              repoUrl: input.repo,
              sourceBranch: requestBranch,
              targetBranch: branch,
              title: commitMessage(input).split("\n")[0],
              body: commitMessage(input),
              ...input.credentials.token ? { token: input.credentials.token } : {},
              ...input.apiUrl !== void 0 ? { apiUrl: input.apiUrl } : {}
            },
            options
          );
          return {
            ...base,
            files,
            outcome: "requested",
            commit,
            diff,
            attempts: attempt,
            changeRequest: { ...request, branch: requestBranch }
          };
        }
        const pushed = await runGit(
          ["push", "--quiet", "origin", `HEAD:refs/heads/${branch}`],
          work,
          input.credentials
        );
        if (pushed.code === 0) {
          options.logger.info(`deploy: pushed ${commit.slice(0, 12)} to ${branch} of ${input.repo}`);
          return { ...base, files, outcome: "committed", commit, diff, attempts: attempt };
        }
        const said = maskGitText(`${pushed.stdout}
${pushed.stderr}`, input.credentials);
        if (!/rejected|failed to update ref|fetch first|non-fast-forward|stale info/i.test(said))
          throw new ServiceError(`deploy repository ${input.repo}: git push failed: ${firstLine(said)}`);
        const reason = (said.split("\n").find((line) => /rejected/i.test(line)) ?? firstLine(said)).trim();
        if (attempt >= pushAttempts)
          throw new ServiceError(
            `deploy repository ${input.repo}: ${attempt} pushes to ${branch} were rejected (the branch kept moving, or the server refuses: ${reason}); nothing was pushed`
          );
        options.logger.info(
          `deploy: push to ${branch} of ${input.repo} rejected (${reason}): applying the change again on the branch's new head`
        );
        await git2(["fetch", "--quiet", "--depth", "1", "origin", branch], "fetch");
        await git2(["reset", "--quiet", "--hard", "FETCH_HEAD"], "reset");
        current = await edit();
      }
    };
    return { diff: first.diff, publish, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
async function applyEdits(work, input) {
  const files = [];
  for (const path of input.files) {
    let text;
    try {
      text = await readFile(join(work, path), "utf8");
    } catch (error) {
      if (error.code === "ENOENT")
        throw new InputError(
          `deploy-file ${path}: not in ${input.repo}${input.branch ? ` (branch ${input.branch})` : ""}`
        );
      throw error;
    }
    const edited = editDeployFile(text, path, input.image, input.target);
    if (edited.changed) await writeFile(join(work, path), edited.text);
    files.push({ path, kind: edited.kind });
  }
  return files;
}
function commitMessage(input) {
  const { release } = input;
  const verb = release.action === "rollback" ? "roll back" : "deploy";
  return [
    `${verb} ${release.model} version ${release.version} to ${release.alias}${release.tag ? ` (${release.tag})` : ""}`,
    "",
    `model: ${release.model}`,
    `version: ${release.version}`,
    `alias: ${release.alias}`,
    ...release.tag ? [`release tag: ${release.tag}`] : [],
    `image: ${pinnedReference(input.image)}`,
    ...release.evidence.map((item) => `evidence ${item.kind}: ${item.digest}`),
    ...release.pipelineUrl ? [`pipeline: ${release.pipelineUrl}`] : []
  ].join("\n");
}
function isRemote(repo) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\\]+@[^/\\]+:/.test(repo);
}
function checkHandoff(repo, files) {
  checkDeployRepo(repo);
  for (const file of files) checkRepoPath(file);
}
function checkRepoPath(file) {
  const normal = normalize(file);
  if (isAbsolute(file) || normal.startsWith("..") || normal === ".")
    throw new InputError(`deploy-file ${file}: give a path inside the deploy repository`);
}

// packages/core/src/steps/promote/evidence.ts
var newest = (version, kind) => [...version.attachments].filter((attachment) => attachment.kind === kind).at(-1);
async function readJson(context, attachment) {
  const bytes = await context.registry.readAttachment(
    context.version.model,
    context.version.version,
    attachment
  );
  try {
    return parseJson(bytes, "evidence", "service");
  } catch {
    return void 0;
  }
}
async function checkEvidence(context, required) {
  const checks = [];
  let image;
  const label = `${context.version.model} version ${context.version.version}`;
  for (const kind of required) {
    const attachment = newest(context.version, kind);
    if (!attachment) {
      checks.push({
        kind,
        status: "missing",
        message: `${label} has no ${kind} evidence (${howToAttach[kind]})`
      });
      continue;
    }
    const base = { kind, digest: attachment.digest };
    if (kind === "validation") {
      const result = await readJson(context, attachment);
      const trained = await trainingInputDigests(context);
      if (result?.status !== "passed")
        checks.push({ ...base, status: "failed", message: `the data validation of ${label} did not pass` });
      else if (trained && !trained.has(result.data?.digest ?? ""))
        checks.push({
          ...base,
          status: "failed",
          message: `the validated data (${result.data?.path ?? "?"}, ${short(result.data?.digest)}) is not among the training inputs of ${label}`
        });
      else
        checks.push({
          ...base,
          status: "passed",
          message: `${result.data?.path ?? "the data"} passed validation`
        });
    } else if (kind === "evaluation") {
      const result = await readJson(context, attachment);
      const against = result?.baseline?.version;
      if (result?.status !== "passed")
        checks.push({
          ...base,
          status: "failed",
          message: `the evaluation of ${label} did not pass its gates`
        });
      else if (context.holder === null)
        checks.push({
          ...base,
          status: "passed",
          message: `evaluation passed (${context.alias} has no holder yet to compare with)`
        });
      else if (result.baseline?.kind === "absent")
        checks.push({
          ...base,
          status: "failed",
          message: `the evaluation had no baseline (${result.baseline.reason ?? "none"}), but version ${context.holder} holds ${context.alias} now: evaluate again against registry:${context.version.model}@${context.alias}`
        });
      else if (against?.model !== context.version.model || against.version !== context.holder)
        checks.push({
          ...base,
          status: "failed",
          message: `the evaluation compared with ${result.baseline?.source ?? "no baseline"}, not with version ${context.holder}, which holds ${context.alias}: evaluate against registry:${context.version.model}@${context.alias}`
        });
      else if (result.data?.same !== true)
        checks.push({
          ...base,
          status: "failed",
          message: `the evaluation against version ${context.holder} was made on other evaluation data than the baseline's`
        });
      else
        checks.push({
          ...base,
          status: "passed",
          message: `evaluation passed against version ${context.holder} (${context.alias}) on the same data ${short(result.data.digest ?? void 0)}`
        });
    } else {
      const record = await readJson(context, attachment);
      if (!record?.digest || !Array.isArray(record.references))
        checks.push({ ...base, status: "failed", message: `the image record of ${label} is unreadable` });
      else {
        image = { digest: record.digest, references: record.references, attachment: attachment.digest };
        checks.push({
          ...base,
          status: "passed",
          message: `image ${record.references[0]} (${short(record.digest)})`
        });
      }
    }
  }
  return { checks, ...image ? { image } : {} };
}
var howToAttach = {
  validation: "train with evidence .mlci/validate-data.json",
  evaluation: "evaluate with attach-to",
  image: "build-image with attach-to"
};
function short(digest) {
  return digest ? `${digest.slice(0, 19)}\u2026` : "?";
}
async function trainingInputDigests(context) {
  const lineage = [...context.version.attachments].filter((a) => a.kind === "lineage");
  if (lineage.length === 0) return void 0;
  const digests = /* @__PURE__ */ new Set();
  for (const attachment of lineage) {
    const record = await readJson(context, attachment);
    for (const file of record?.inputs?.files ?? []) digests.add(file.digest);
  }
  return digests;
}
async function imageOf(registry, version, attachment) {
  const approved = version.attachments.filter((a) => a.kind !== "image" || a.digest === attachment);
  const attachments = approved.some((a) => a.kind === "image") ? approved : version.attachments;
  const outcome = await checkEvidence(
    { registry, version: { ...version, attachments }, holder: null, alias: "" },
    ["image"]
  );
  return outcome.image;
}
async function lastApproved(registry, history, version) {
  const move = history.find(
    (m) => m.record.version === version.version && m.record.action === "promote"
  )?.record;
  const approved = move?.evidence.find((entry) => entry.kind === "image")?.digest;
  return { image: await imageOf(registry, version, approved), tag: move?.tag };
}

// packages/core/src/steps/promote/deploy.ts
function deployFilesFor(entries, alias) {
  return entries.flatMap((entry) => {
    const equals = entry.indexOf("=");
    const scope = equals > 0 ? entry.slice(0, equals) : "";
    if (!isAliasName(scope)) return [entry];
    return scope === alias ? [entry.slice(equals + 1)] : [];
  });
}
async function planDeploy(input, registry, version, alias, tag, evidence, logger) {
  if (input.deployRepo === void 0) {
    if (input.deployFile.length > 0)
      throw new InputError("deploy-file: give deploy-repo, the repository it is in");
    if (input.deployImage !== void 0)
      throw new InputError("deploy-image: give deploy-repo and deploy-file, where the image is written");
    return void 0;
  }
  const files = deployFilesFor(input.deployFile, alias);
  checkHandoff(input.deployRepo, files);
  if (files.length === 0) {
    logger.info(`deploy: no deploy-file for ${alias}: nothing handed to ${input.deployRepo}`);
    return void 0;
  }
  const label = `${version.model} version ${version.version}`;
  const record = evidence.image ?? await imageOf(registry, version);
  if (!record)
    throw new InputError(
      `deploy: ${label} has no image to deploy: run build-image with attach-to ${version.model}@${version.version}`
    );
  return { files, image: deployImageOf(record, label, tag, input.deployImage) };
}
function prepareDeploy(plan, input, release, environment) {
  return prepareHandoff(
    {
      repo: input.deployRepo,
      ...input.deployBranch !== void 0 ? { branch: input.deployBranch } : {},
      ...input.deployApiUrl !== void 0 ? { apiUrl: input.deployApiUrl } : {},
      files: plan.files,
      mode: input.deployMode,
      target: {
        ...input.deployKey !== void 0 ? { key: input.deployKey } : {},
        ...input.deployContainer !== void 0 ? { container: input.deployContainer } : {}
      },
      image: plan.image,
      release: {
        ...release,
        evidence: release.evidence.flatMap(
          (check) => check.digest ? [{ kind: check.kind, digest: check.digest }] : []
        )
      },
      dryRun: input.dryRun,
      cwd: environment.cwd,
      credentials: credentialsFromEnv(process.env)
    },
    { logger: environment.logger }
  );
}

// packages/core/src/steps/promote/report.ts
var icon = { passed: "\u2705", failed: "\u274C", missing: "\u274C" };
function renderReport(result) {
  const title = result.outcome === "refused" ? md`❌ promote refused: version ${result.version} of ${result.model} may not take ${result.alias}` : result.outcome === "planned" ? md`📝 promote (dry run): ${result.alias} of ${result.model} would point at version ${result.version}` : result.outcome === "unchanged" ? md`✅ promote: ${result.alias} of ${result.model} already points at version ${result.version}` : md`✅ ${result.action === "rollback" ? "rollback" : "promote"}: ${result.alias} of ${result.model} now points at version ${result.version}`;
  const lines = [
    heading(2, title),
    "",
    table(
      ["", ""],
      [
        ["version", `${result.version} (${result.versionFrom})`],
        ["alias", `${result.alias} (${result.aliasFrom})`],
        ["previous holder", result.previous ?? "none"],
        ...result.tag ? [["release tag", result.tag]] : []
      ]
    )
  ];
  if (result.evidence.length > 0)
    lines.push(
      "",
      "### Evidence",
      "",
      table(
        ["", "evidence", "result"],
        result.evidence.map((check) => [icon[check.status], check.kind, check.message])
      )
    );
  if (result.images.length > 0)
    lines.push(
      "",
      "### Images",
      "",
      table(
        ["image", "now also"],
        result.images.map((image) => [
          codeSpan(image.from),
          new InlineMarkdown(image.to.map((to) => codeSpan(to).markdown).join(", "))
        ])
      )
    );
  if (result.deploy) {
    const deploy = result.deploy;
    const what = {
      committed: md`pushed ${codeSpan(deploy.commit?.slice(0, 12) ?? "")} to ${codeSpan(deploy.branch)}${deploy.attempts > 1 ? md` (after ${plural(deploy.attempts - 1, "rejected push", "rejected pushes")})` : ""}`,
      requested: md`pushed to ${codeSpan(deploy.changeRequest?.branch ?? "")}, ${deploy.changeRequest ? bareUrl(deploy.changeRequest.url) : ""}`,
      unchanged: md`unchanged: ${codeSpan(deploy.branch)} already runs this image (no commit)`,
      planned: md`dry run: nothing pushed`
    }[deploy.outcome];
    lines.push(
      "",
      "### Deployment hand-off",
      "",
      md`${codeSpan(deploy.image)} in ${codeSpan(deploy.repo)}: ${what}.`.markdown,
      "",
      table(
        ["file", "kind"],
        deploy.files.map((file) => [codeSpan(file.path), file.kind])
      )
    );
    if (deploy.diff !== "") lines.push("", "```diff", deploy.diff.trimEnd(), "```");
  }
  if (result.record)
    lines.push(
      "",
      md`Promotion record ${codeSpan(result.record.digest)}: ${result.record.action} at ${result.record.time}${result.record.actor ? md` by ${result.record.actor}` : ""}${result.record.pipelineUrl ? md` in ${bareUrl(result.record.pipelineUrl)}` : ""}.`.markdown
    );
  return `${lines.join("\n")}
`;
}

// packages/core/src/steps/promote/rules.ts
var import_semver = __toESM(require_semver2(), 1);
var defaultTagRules = ["release=production", "prerelease=staging"];
function versionOf(tag) {
  return import_semver.default.parse(tag, { loose: false });
}
function parseTagRule(text) {
  const at = text.lastIndexOf("=");
  const selector = at > 0 ? text.slice(0, at).trim() : "";
  const alias = text.slice(at + 1).trim();
  if (at <= 0 || selector === "" || !isAliasName(alias))
    throw new InputError(
      `rule '${text}': expected SELECTOR=ALIAS (release, prerelease, a semver range or glob:PATTERN; the alias in lowercase letters, digits, '.', '_', '-')`
    );
  if (selector === "release")
    return { text, alias, matches: (tag) => versionOf(tag)?.prerelease.length === 0 };
  if (selector === "prerelease")
    return { text, alias, matches: (tag) => (versionOf(tag)?.prerelease.length ?? 0) > 0 };
  if (selector.startsWith("glob:")) {
    const pattern = selector.slice("glob:".length);
    const regex = new RegExp(
      `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`
    );
    return { text, alias, matches: (tag) => regex.test(tag) };
  }
  const range = import_semver.default.validRange(selector);
  if (range === null)
    throw new InputError(
      `rule '${text}': '${selector}' is not release, prerelease, glob:PATTERN or a semver range`
    );
  return {
    text,
    alias,
    matches: (tag) => {
      const version = versionOf(tag);
      return version !== null && import_semver.default.satisfies(version, range);
    }
  };
}
function aliasForTag(tag, rules) {
  const rule = rules.find((each) => each.matches(tag));
  if (!rule)
    throw new InputError(
      `tag '${tag}' matches no promote rule (${rules.map((each) => each.text).join(", ")}): add one, or give to`
    );
  return { alias: rule.alias, rule: rule.text };
}

// packages/core/src/steps/promote/run.ts
function chooseAlias(input, tag) {
  const rules = (input.rule.length > 0 ? input.rule : defaultTagRules).map(parseTagRule);
  if (input.to !== void 0) {
    checkAliasName(input.to);
    return { alias: input.to, from: "given" };
  }
  if (tag === void 0)
    throw new InputError("to: no alias given, and this run is not for a release tag (give to, or tag)");
  const { alias, rule } = aliasForTag(tag, rules);
  return { alias, from: `tag ${tag} by rule ${rule}` };
}
async function chooseVersion(registry, input, commit, tag) {
  if (input.version !== void 0)
    return { version: await registry.getVersion(input.model, input.version), from: "given" };
  const wanted = input.fromCommit ?? (tag !== void 0 ? commit : void 0);
  if (wanted === void 0)
    throw new InputError(
      "version: give version or from-commit (outside a tag pipeline there is no commit to go by)"
    );
  const newest2 = await versionRegisteredFrom(registry, input.model, wanted);
  if (!newest2)
    throw new InputError(
      `version: no version of ${input.model} in ${registry.uri} was registered from commit ${wanted}${tag ? ` (tag ${tag})` : ""}`
    );
  return { version: newest2, from: `registered from commit ${wanted.slice(0, 12)}` };
}
async function runPromote(input, environment) {
  const { context, logger } = environment;
  const tag = input.tag ?? context.tag;
  const registry = await openStepRegistry(input, environment);
  const { alias, from: aliasFrom } = chooseAlias(input, tag);
  const holder = await holderOf(registry, input.model, alias);
  let version;
  let versionFrom;
  let evidence;
  let deployTag = tag;
  if (input.rollback) {
    const history = await registry.aliasHistory(input.model, alias);
    const [last] = history;
    if (!last || holder === null)
      throw new InputError(`rollback: ${input.model} has no alias ${alias} to roll back`);
    if (last.record.previous === null)
      throw new InputError(`rollback: ${alias} of ${input.model} had no holder before version ${holder}`);
    version = await registry.getVersion(input.model, last.record.previous);
    versionFrom = `held ${alias} before version ${holder}`;
    const { image, tag: approvedTag } = await lastApproved(registry, history, version);
    deployTag = approvedTag;
    evidence = { checks: [], ...image ? { image } : {} };
  } else {
    const commit = context.commit ?? (tag !== void 0 ? await tagCommit(environment.cwd, tag) : void 0);
    ({ version, from: versionFrom } = await chooseVersion(registry, input, commit, tag));
    if (holder !== version.version)
      evidence = await checkEvidence({ registry, version, holder, alias }, input.require);
    else {
      evidence = { checks: [] };
      if (input.deployRepo !== void 0) {
        const history = await registry.aliasHistory(input.model, alias);
        const { image, tag: approvedTag } = await lastApproved(registry, history, version);
        deployTag = approvedTag ?? tag;
        if (image) evidence.image = image;
      }
    }
  }
  const refused = evidence.checks.filter((check) => check.status !== "passed");
  const deployPlan = refused.length > 0 ? void 0 : await planDeploy(input, registry, version, alias, deployTag, evidence, logger);
  const base = {
    step: "promote",
    model: input.model,
    alias,
    version: version.version,
    previous: holder,
    action: input.rollback ? "rollback" : "promote",
    ...tag !== void 0 ? { tag } : {},
    aliasFrom,
    versionFrom,
    evidence: evidence.checks
  };
  const prepared = deployPlan ? await prepareDeploy(
    deployPlan,
    input,
    {
      model: input.model,
      version: version.version,
      alias,
      action: base.action,
      ...tag !== void 0 ? { tag } : {},
      evidence: evidence.checks,
      ...context.runUrl ? { pipelineUrl: context.runUrl } : {}
    },
    environment
  ) : void 0;
  let outcome;
  let record;
  let images = [];
  let deploy;
  try {
    if (refused.length > 0) outcome = "refused";
    else if (holder === version.version) outcome = "unchanged";
    else {
      images = plannedImages(evidence, input, tag, alias);
      const move = {
        model: input.model,
        alias,
        version: version.version,
        previous: holder,
        action: base.action,
        time: (/* @__PURE__ */ new Date()).toISOString(),
        ...tag !== void 0 ? { tag } : {},
        ...context.commit ? { commit: context.commit } : {},
        ...context.runUrl ? { pipelineUrl: context.runUrl } : {},
        ...context.actor ? { actor: context.actor } : {},
        evidence: evidence.checks.flatMap(
          (check) => check.digest ? [{ kind: check.kind, digest: check.digest, status: check.status }] : []
        ),
        ...images.length > 0 ? { images: images.flatMap((image) => image.to) } : {}
      };
      registry.checkMove(move);
      if (images.length > 0) checkImageTags(imageTags(input, tag, alias));
      if (input.dryRun) outcome = "planned";
      else {
        if (tag !== void 0 && !input.rollback) await retag(evidence, input, [tag], logger);
        const moved = await registry.moveAlias(move);
        record = { ...moved.record, digest: moved.digest };
        await retag(evidence, input, [alias], logger);
        outcome = "moved";
      }
    }
    if (prepared && outcome !== "refused") deploy = await prepared.publish();
  } finally {
    await prepared?.dispose();
  }
  const checks = [
    ...evidence.checks.map(
      (check) => ({
        name: check.kind,
        status: check.status === "passed" ? "passed" : "failed",
        severity: "error",
        message: check.message
      })
    ),
    {
      name: "alias",
      status: outcome === "refused" ? "failed" : "passed",
      severity: "error",
      message: describeOutcome(outcome, input.model, alias, version.version, holder)
    }
  ];
  const result = {
    ...base,
    status: outcome === "refused" ? "failed" : "passed",
    checks,
    outcome,
    ...record ? { record } : {},
    images,
    ...deploy ? { deploy } : {}
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve2(environment.cwd, input.out), result, markdown);
  return {
    result,
    headline: `promote ${result.status}: ${describeOutcome(outcome, input.model, alias, version.version, holder)}`,
    markdown,
    outputs: {
      version: version.version,
      alias,
      previous: holder ?? "",
      outcome,
      record: record?.digest ?? "",
      "deploy-commit": deploy?.commit ?? ""
    },
    files
  };
}
function tagCommit(cwd, tag) {
  return git(["rev-list", "-n", "1", tag, "--"], cwd);
}
async function holderOf(registry, model, alias) {
  const found = await aliasHolder(registry, model, alias);
  if (!isNoHolder(found)) return found.version;
  if (found.absent === "model") throw new InputError(found.message);
  return null;
}
function describeOutcome(outcome, model, alias, version, holder) {
  const from = holder === null ? "" : ` (from version ${holder})`;
  switch (outcome) {
    case "moved":
      return `${alias} of ${model} now points at version ${version}${from}`;
    case "planned":
      return `dry run: ${alias} of ${model} would move to version ${version}${from}`;
    case "unchanged":
      return `${alias} of ${model} already points at version ${version}`;
    case "refused":
      return `version ${version} of ${model} may not take ${alias}: its evidence does not allow it`;
  }
}
function imageTags(input, tag, alias) {
  return [...tag !== void 0 && !input.rollback ? [tag] : [], alias];
}
function plannedImages(evidence, input, tag, alias) {
  if (input.noRetagImages || !evidence.image) return [];
  const tags = imageTags(input, tag, alias);
  return evidence.image.references.map((from) => ({ from, to: retagTargets(from, tags) }));
}
async function retag(evidence, input, tags, logger) {
  if (input.noRetagImages || !evidence.image) return;
  for (const from of evidence.image.references) {
    await retagImage(from, evidence.image.digest, tags, {
      env: process.env,
      logger,
      insecure: input.insecureRegistry
    });
    logger.info(`image ${from} also tagged ${tags.join(", ")}`);
  }
}
export {
  runPromote
};
