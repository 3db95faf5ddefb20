#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  flattenParams,
  loadParams,
  paramVariable,
  parseMetrics,
  require_dist
} from "./chunk-RWS2OR5W.mjs";
import {
  versionLabels
} from "./chunk-5PVKRG3G.mjs";
import {
  comparePaths,
  fileSetOf,
  mapConcurrently
} from "./chunk-45GVN5PF.mjs";
import {
  writeFileAtomic
} from "./chunk-5CLMASBW.mjs";
import {
  CorruptCacheEntry
} from "./chunk-JQ6FLF6B.mjs";
import {
  _enum,
  array,
  bigint,
  boolean,
  discriminatedUnion,
  lazy,
  literal,
  number,
  object,
  preprocess,
  record,
  string,
  tuple,
  union
} from "./chunk-MUOMZ454.mjs";
import {
  ExitCode,
  InputError,
  ServiceError,
  firstLine
} from "./chunk-HQARHKJP.mjs";
import {
  __commonJS,
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform2 = navigator.platform.toLowerCase();
        return platform2 === "win32" || platform2 === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code2 === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code2 === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob2 = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob2 = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob2 = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob2) glob2 = utils.removeBackslashes(glob2);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob: glob2,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max6 = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal3 = normalizeSimpleBranch(branch);
        if (literal3 && literal3.length === 1) {
          safeChars.push(literal3);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max6) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max6 = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max6) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max6}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count2 = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count2++;
        }
        if (count2 % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal3 = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal3;
          open.output = safeOutput || utils.escapeRegex(literal3);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix3 = POSIX_REGEX_SOURCE[rest2];
                if (posix3) {
                  prev.value = pre + posix3;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max6 = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max6) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max6}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob2, options, returnState = false) => {
      if (Array.isArray(glob2)) {
        const fns = glob2.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob2) && glob2.tokens && glob2.input;
      if (glob2 === "" || typeof glob2 !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix3 = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob2, options) : picomatch2.makeRe(glob2, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob: glob2, posix: posix3 });
        const result = { glob: glob2, state, regex, posix: posix3, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options, { glob: glob2, posix: posix3 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format2 = opts.format || (posix3 ? utils.toPosixSlashes : null);
      let match = input === glob2;
      let output = match && format2 ? format2(input) : input;
      if (match === false) {
        output = format2 ? format2(input) : input;
        match = output === glob2;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix3);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob2, options, posix3 = options && options.windows) => {
      const regex = glob2 instanceof RegExp ? glob2 : picomatch2.makeRe(glob2, options);
      return regex.test(utils.basename(input, { windows: posix3 }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob2, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob2, options, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// packages/core/src/options.ts
function kebabCase(key) {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
function unwrap(schema) {
  let inner = schema;
  let required = true;
  let defaultValue;
  for (; ; ) {
    const def = inner._zod.def;
    if (def.type === "optional" && def.innerType) {
      required = false;
      inner = def.innerType;
    } else if (def.type === "default" && def.innerType) {
      required = false;
      defaultValue = def.defaultValue;
      inner = def.innerType;
    } else {
      return { inner, required, defaultValue };
    }
  }
}
function kindOf(key, schema) {
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
      return { kind: "string" };
    case "number":
    case "int":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", choices: Object.values(def.entries ?? {}) };
    case "array":
      return { kind: "list" };
    default:
      throw new Error(`option ${key}: unsupported zod type ${def.type}`);
  }
}
function optionsOf(schema) {
  return Object.entries(schema.shape).map(([key, field]) => {
    const { inner, required, defaultValue } = unwrap(field);
    const description = field.description ?? inner.description;
    if (!description) throw new Error(`option ${key} has no description`);
    return {
      key,
      name: kebabCase(key),
      ...kindOf(key, inner),
      description,
      required,
      ...defaultValue === void 0 ? {} : { defaultValue }
    };
  });
}
function coerceOptionText(spec, text, source) {
  switch (spec.kind) {
    case "boolean": {
      const value = text.trim().toLowerCase();
      if (["true", "yes", "1", "on"].includes(value)) return true;
      if (["false", "no", "0", "off", ""].includes(value)) return false;
      throw new InputError(`${source}: expected true or false, got "${text}"`);
    }
    case "number": {
      const value = Number(text.trim());
      if (text.trim() === "" || !Number.isFinite(value))
        throw new InputError(`${source}: expected a number, got "${text}"`);
      return value;
    }
    case "list":
      return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
    default:
      return text;
  }
}

// packages/core/src/platform/progress.ts
var percent = (fraction2) => fraction2 === void 0 ? "" : ` ${Math.floor(fraction2 * 100)}%`;
function createProgress(options) {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((text) => process.stderr.write(text));
  const interval2 = options.intervalMs ?? (options.interactive ? 100 : 5e3);
  let last = now();
  let live = false;
  return {
    update(label, fraction2) {
      const time = now();
      if (time - last < interval2) return;
      last = time;
      if (options.interactive) {
        write(`\r\x1B[K${label}${percent(fraction2)}`);
        live = true;
      } else {
        options.logger.info(`${label}${percent(fraction2)}`);
      }
    },
    done() {
      if (live) write("\r\x1B[K");
      live = false;
      last = now();
    }
  };
}

// packages/core/src/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var defaultConfigFile = "mlci.yaml";
function configSchema(steps2) {
  const sections = {};
  for (const step of steps2) {
    const fields = {};
    for (const spec of optionsOf(step.input)) {
      const field = step.input.shape[spec.key];
      fields[spec.name] = unwrapDefault(field).optional().describe(spec.description);
    }
    sections[step.name] = object(fields).strict().optional().describe(step.summary);
  }
  return object({ version: literal(1).optional().describe("Version of the mlci.yaml format."), ...sections }).strict();
}
function unwrapDefault(field) {
  let inner = field;
  for (; ; ) {
    const def = inner._zod.def;
    if ((def.type === "default" || def.type === "optional") && def.innerType) inner = def.innerType;
    else return inner;
  }
}
async function loadConfig(steps2, cwd, explicit) {
  const file = explicit ?? defaultConfigFile;
  let text;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    if (explicit === void 0 && error.code === "ENOENT") return void 0;
    throw new InputError(
      `${file}: cannot read config file (${error.code ?? error})`
    );
  }
  const lineCounter = new import_yaml.LineCounter();
  const document = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const value = document.toJS() ?? {};
  const parsed = configSchema(steps2).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    const node = (0, import_yaml.isMap)(document.contents) ? document.getIn(path, true) : void 0;
    const range = node?.range;
    const where = range ? `:${lineCounter.linePos(range[0]).line}` : "";
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${file}${where}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  return { file, sections: parsed.data };
}

// packages/core/src/execute.ts
async function executeStep(invocation) {
  const { step, given, platform: platform2, logger } = invocation;
  const config = await loadConfig(invocation.allSteps, invocation.cwd, invocation.configFile);
  const section = config?.sections[step.name] ?? {};
  const merged = {};
  const fromConfig = /* @__PURE__ */ new Set();
  for (const [name, value] of Object.entries(section)) {
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    merged[key] = value;
    fromConfig.add(key);
  }
  for (const [key, value] of Object.entries(given)) {
    if (value === void 0) continue;
    merged[key] = value;
    fromConfig.delete(key);
  }
  const input = parseInput(
    step,
    merged,
    (key) => fromConfig.has(key) && config ? `${config.file}: ${step.name}.${kebabCase(key)}` : invocation.nameGiven(kebabCase(key))
  );
  const progress = invocation.progress ?? createProgress({ logger, interactive: false });
  const report2 = await step.run(input, {
    cwd: invocation.cwd,
    logger,
    progress,
    context: platform2.context()
  });
  logger.info(report2.headline);
  await platform2.publish(report2);
  return { report: report2, exitCode: report2.result.status === "passed" ? ExitCode.passed : ExitCode.gateFailed };
}
function parseInput(step, merged, nameOf2) {
  const parsed = step.input.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? "");
  if (issue && merged[key] === void 0) throw new InputError(`${nameOf2(key)} is required`);
  throw new InputError(`${nameOf2(key)}: ${issue?.message ?? "invalid value"}`);
}

// packages/core/src/platform/platform.ts
function stderrLogger(debug = false) {
  return {
    info: (message) => process.stderr.write(`${message}
`),
    warn: (message) => process.stderr.write(`warning: ${message}
`),
    debug: (message) => {
      if (debug) process.stderr.write(`debug: ${message}
`);
    }
  };
}

// packages/core/src/steps/evaluate/index.ts
import { mkdtemp as mkdtemp2, readFile as readFile3, rm as rm3 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { basename, extname as extname2, join as join4, resolve as resolve4 } from "node:path";

// packages/core/src/metrics/names.ts
var BINARY_METRICS = ["precision", "recall", "f1"];
var SCORE_METRICS = ["roc_auc", "average_precision", "log_loss"];
var AVERAGED_METRICS = [
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted"
];
var CLASSIFICATION_METRICS = [
  "accuracy",
  ...BINARY_METRICS,
  ...SCORE_METRICS,
  ...AVERAGED_METRICS
];
var REGRESSION_METRICS = ["rmse", "mae", "r2", "mape"];
var METRIC_NAMES = {
  classification: CLASSIFICATION_METRICS,
  regression: REGRESSION_METRICS
};
var ALL = /* @__PURE__ */ new Set([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]);
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "rmse", "mae", "mape"]);
function isMetricName(name) {
  return ALL.has(name);
}
function higherIsBetter(name) {
  return !LOWER_IS_BETTER.has(name);
}

// packages/core/src/report/model.ts
function statusOf(checks) {
  return checks.some((check2) => check2.status === "failed") ? "failed" : "passed";
}

// packages/core/src/report/write.ts
import { join } from "node:path";

// packages/core/src/report/junit.ts
var xmlEscapes = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;"
};
function escapeXml(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"']/g, (c) => xmlEscapes[c] ?? c);
}
function renderJUnit(step, checks, seconds = 0) {
  const failures = checks.filter((check2) => check2.status === "failed").length;
  const cases = checks.map((check2) => {
    const classname = `mlci.${step}${check2.column === void 0 ? "" : `.${check2.column}`}`;
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(check2.name)}" time="0">`;
    if (check2.status === "failed") {
      return `${open}
      <failure message="${escapeXml(check2.message)}" type="${check2.severity}">${escapeXml(detail(check2))}</failure>
    </testcase>`;
    }
    if (check2.status === "warned") {
      return `${open}
      <system-out>${escapeXml(`warning: ${check2.message}`)}</system-out>
    </testcase>`;
    }
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlci" tests="${checks.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="mlci.${step}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}
function detail(check2) {
  const lines = [check2.message];
  if (check2.expected !== void 0) lines.push(`expected: ${JSON.stringify(check2.expected)}`);
  if (check2.observed !== void 0) lines.push(`observed: ${JSON.stringify(check2.observed)}`);
  return lines.join("\n");
}

// packages/core/src/report/write.ts
async function writeStepReports(outDir, result, markdown) {
  const files = {
    json: join(outDir, `${result.step}.json`),
    markdown: join(outDir, `${result.step}.md`),
    junit: join(outDir, `${result.step}.junit.xml`)
  };
  await writeFileAtomic(files.json, `${JSON.stringify(result, null, 2)}
`);
  await writeFileAtomic(files.markdown, markdown);
  await writeFileAtomic(files.junit, renderJUnit(result.step, result.checks));
  return files;
}

// packages/core/src/stats/special.ts
var { abs, exp, floor, log, sin, sqrt } = Math;
var MACHEP = 11102230246251565e-32;
var MAXLOG = 709.782712893384;
var MINLOG = -745.1332191019412;
var EULER = 0.5772156649015329;
function polevl(x, coef) {
  let ans = coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}
function p1evl(x, coef) {
  let ans = x + coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}
function ratevl(x, num, denom) {
  const m = num.length - 1;
  const n = denom.length - 1;
  const absx = abs(x);
  let numAns;
  let denomAns;
  if (absx > 1) {
    const y = 1 / x;
    numAns = num[m];
    for (let i = m - 1; i >= 0; i--) numAns = numAns * y + num[i];
    denomAns = denom[n];
    for (let i = n - 1; i >= 0; i--) denomAns = denomAns * y + denom[i];
    return x ** (n - m) * numAns / denomAns;
  }
  numAns = num[0];
  for (let i = 1; i <= m; i++) numAns = numAns * x + num[i];
  denomAns = denom[0];
  for (let i = 1; i <= n; i++) denomAns = denomAns * x + denom[i];
  return numAns / denomAns;
}
var LGAM_A = [
  8116141674705085e-19,
  -5950619042843014e-19,
  7936503404577169e-19,
  -0.002777777777300997,
  0.08333333333333319
];
var LGAM_B = [
  -1378.2515256912086,
  -38801.631513463784,
  -331612.9927388712,
  -1162370974927623e-9,
  -1.7217370082083966e6,
  -853555.6642457654
];
var LGAM_C = [
  -351.81570143652345,
  -17064.210665188115,
  -220528.59055385445,
  -1.1393344436798252e6,
  -2.5325230717758294e6,
  -2.0188914143353277e6
];
var LS2PI = 0.9189385332046728;
var LOGPI = 1.1447298858494002;
var MAXLGM = 2556348e299;
function logGamma(xIn) {
  let x = xIn;
  if (!Number.isFinite(x)) return x;
  if (x < -34) {
    const q2 = -x;
    const w = logGamma(q2);
    let p2 = floor(q2);
    if (p2 === q2) return Number.POSITIVE_INFINITY;
    let z = q2 - p2;
    if (z > 0.5) {
      p2 += 1;
      z = p2 - q2;
    }
    z = q2 * sin(Math.PI * z);
    if (z === 0) return Number.POSITIVE_INFINITY;
    return LOGPI - log(z) - w;
  }
  if (x < 13) {
    let z = 1;
    let p2 = 0;
    let u = x;
    while (u >= 3) {
      p2 -= 1;
      u = x + p2;
      z *= u;
    }
    while (u < 2) {
      if (u === 0) return Number.POSITIVE_INFINITY;
      z /= u;
      p2 += 1;
      u = x + p2;
    }
    if (z < 0) z = -z;
    if (u === 2) return log(z);
    p2 -= 2;
    x = x + p2;
    p2 = x * polevl(x, LGAM_B) / p1evl(x, LGAM_C);
    return log(z) + p2;
  }
  if (x > MAXLGM) return Number.POSITIVE_INFINITY;
  let q = (x - 0.5) * log(x) - x + LS2PI;
  if (x > 1e8) return q;
  const p = 1 / (x * x);
  if (x >= 1e3) {
    q += ((7936507936507937e-19 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  } else {
    q += polevl(p, LGAM_A) / x;
  }
  return q;
}
var ERFC_P = [
  2461969814735305e-25,
  0.5641895648310689,
  7.463210564422699,
  48.63719709856814,
  196.5208329560771,
  526.4451949954773,
  934.5285271719576,
  1027.5518868951572,
  557.5353353693994
];
var ERFC_Q = [
  13.228195115474499,
  86.70721408859897,
  354.9377788878199,
  975.7085017432055,
  1823.9091668790973,
  2246.3376081871097,
  1656.6630919416134,
  557.5353408177277
];
var ERFC_R = [
  0.5641895835477551,
  1.275366707599781,
  5.019050422511805,
  6.160210979930536,
  7.4097426995044895,
  2.9788666537210022
];
var ERFC_S = [
  2.2605286322011726,
  9.396035249380015,
  12.048953980809666,
  17.08144507475659,
  9.608968090632859,
  3.369076451000815
];
var ERF_T = [
  9.604973739870516,
  90.02601972038427,
  2232.005345946843,
  7003.325141128051,
  55592.30130103949
];
var ERF_U = [
  33.56171416475031,
  521.3579497801527,
  4594.323829709801,
  22629.000061389095,
  49267.39426086359
];
function erf(x) {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return x * polevl(z, ERF_T) / p1evl(z, ERF_U);
}
function erfc(a) {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a < 0 ? -a : a;
  if (x < 1) return 1 - erf(a);
  let z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  z = exp(z);
  let p;
  let q;
  if (x < 8) {
    p = polevl(x, ERFC_P);
    q = p1evl(x, ERFC_Q);
  } else {
    p = polevl(x, ERFC_R);
    q = p1evl(x, ERFC_S);
  }
  let y = z * p / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0;
}
var LOG1P_P = [
  452700008624452e-19,
  0.49854102823193375,
  6.578732594206104,
  29.911919328553072,
  60.94966798098779,
  57.11296359058554,
  20.039553499201283
];
var LOG1P_Q = [
  15.062909083469192,
  83.04756596796722,
  221.76239823732857,
  309.09872225312057,
  216.42788614495947,
  60.11866049760384
];
function log1p(x) {
  let z = 1 + x;
  if (z < Math.SQRT1_2 || z > Math.SQRT2) return log(z);
  z = x * x;
  z = -0.5 * z + x * (z * polevl(x, LOG1P_P) / p1evl(x, LOG1P_Q));
  return x + z;
}
function log1pmx(x) {
  if (abs(x) < 0.5) {
    let xfac = x;
    let res = 0;
    for (let n = 2; n < 500; n++) {
      xfac *= -x;
      const term = xfac / n;
      res += term;
      if (abs(term) < MACHEP * abs(res)) break;
    }
    return res;
  }
  return log1p(x) - x;
}
var EXPM1_P = [12617719307481058e-20, 0.030299440770744195, 1];
var EXPM1_Q = [
  30019850513866446e-22,
  0.002524483403496841,
  0.22726554820815503,
  2
];
function expm1(x) {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return x;
    return x > 0 ? x : -1;
  }
  if (x < -0.5 || x > 0.5) return exp(x) - 1;
  const xx = x * x;
  let r = x * polevl(xx, EXPM1_P);
  r = r / (polevl(xx, EXPM1_Q) - r);
  return r + r;
}
var ZETA_A = [
  12,
  -720,
  30240,
  -1209600,
  47900160,
  -18924375803183792e-7,
  74724249600,
  -2950130727918164e-3,
  11646782814350067e-2,
  -4597978722407473,
  181521054019435460,
  -7166165256175667e3
];
function hurwitzZeta(x, q) {
  if (x === 1) return Number.POSITIVE_INFINITY;
  if (x < 1) return Number.NaN;
  if (q <= 0) {
    if (q === floor(q)) return Number.POSITIVE_INFINITY;
    if (x !== floor(x)) return Number.NaN;
  }
  let s = q ** -x;
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = a ** -x;
    s += b;
    if (abs(b / s) < MACHEP) return s;
  }
  const w = a;
  s += b * w / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (i = 0; i < 12; i++) {
    a *= x + k;
    b /= w;
    let t = a * b / ZETA_A[i];
    s = s + t;
    t = abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}
function lgam1pTaylor(x) {
  if (x === 0) return 0;
  let res = -EULER * x;
  let xfac = -x;
  for (let n = 2; n < 42; n++) {
    xfac *= -x;
    const coeff = hurwitzZeta(n, 1) * xfac / n;
    res += coeff;
    if (abs(coeff) < MACHEP * abs(res)) break;
  }
  return res;
}
function logGamma1p(x) {
  if (abs(x) <= 0.5) return lgam1pTaylor(x);
  if (abs(x - 1) < 0.5) return log(x) + lgam1pTaylor(x - 1);
  return logGamma(x + 1);
}
var LANCZOS_G = 6.02468004077673;
var LANCZOS_SUM_EXPG_SCALED_NUM = [
  0.006061842346248907,
  0.5098416655656676,
  19.519927882476175,
  449.9445569063168,
  6955.999602515376,
  75999.29304014542,
  601859.6171681099,
  3481712154980646e-9,
  14605578087685067e-9,
  4333888932467614e-8,
  863631312881386e-7,
  10379404311634454e-8,
  56906521913471565e-9
];
var LANCZOS_SUM_EXPG_SCALED_DENOM = [
  1,
  66,
  1925,
  32670,
  357423,
  2637558,
  13339535,
  45995730,
  105258076,
  150917976,
  120543840,
  39916800,
  0
];
function lanczosSumExpgScaled(x) {
  return ratevl(x, LANCZOS_SUM_EXPG_SCALED_NUM, LANCZOS_SUM_EXPG_SCALED_DENOM);
}
var IGAM_D = [
  [
    -0.3333333333333333,
    0.08333333333333333,
    -0.014814814814814815,
    0.0011574074074074073,
    3527336860670194e-19,
    -1787551440329218e-19,
    3919263178522438e-20,
    -21854485106799924e-22,
    -185406221071516e-20,
    8296711340953087e-22,
    -17665952736826078e-23,
    6707853543401498e-24,
    10261809784240309e-24,
    -4382036018453353e-24,
    914769958223679e-24,
    -2551419399494625e-26,
    -5830772132550426e-26,
    24361948020667415e-27,
    -50276692801141755e-28,
    11004392031956135e-29,
    33717632624009856e-29,
    -1392388722418162e-28,
    28534893807047445e-30,
    -5139111834242572e-31,
    -19752288294349442e-31
  ],
  [
    -0.001851851851851852,
    -0.003472222222222222,
    0.0026455026455026454,
    -9902263374485596e-19,
    20576131687242798e-20,
    -4018775720164609e-22,
    -18098550334489977e-21,
    764916091608111e-20,
    -16120900894563446e-22,
    4647127802807434e-24,
    1378633446915721e-22,
    -5752545603517705e-23,
    11951628599778148e-24,
    -17543241719747647e-27,
    -10091543710600413e-25,
    4162792991842583e-25,
    -856390702649298e-25,
    6067215101604758e-29,
    71624989648114856e-28,
    -2933186643771437e-27,
    5996696365683689e-28,
    -21671786527323313e-32,
    -4978339972369262e-29,
    20291628823713425e-30,
    -413125571381061e-29
  ],
  [
    0.004133597883597883,
    -0.0026813271604938273,
    7716049382716049e-19,
    20093878600823047e-22,
    -10736653226365161e-20,
    52923448829120125e-21,
    -12760635188618728e-21,
    3423578734096138e-23,
    13721957309062932e-22,
    -6298992138380055e-22,
    14280614206064242e-23,
    -20477098421990866e-26,
    -1409252991086752e-23,
    6228974084922022e-24,
    -13670488396617112e-25,
    9428356159014678e-28,
    12872252400089318e-26,
    -55645956134363323e-27,
    1197593554636698e-26,
    -41689782251838634e-31,
    -10940640427884595e-28,
    4662239946390136e-28,
    -9905105763906907e-29,
    18931876768373515e-33,
    8859221872591127e-30
  ],
  [
    6494341563786008e-19,
    22947209362139917e-20,
    -4691894943952557e-19,
    26772063206283885e-20,
    -7561801671883977e-20,
    -2396505113867297e-22,
    11082654115347302e-21,
    -56749528269915965e-22,
    14230900732435883e-22,
    -27861080291528143e-27,
    -16958404091930278e-23,
    8099464905388083e-23,
    -19111168485973655e-24,
    23928620439808118e-28,
    20620131815488797e-25,
    -9460496661855133e-25,
    21541049775774907e-26,
    -1388823336813903e-29,
    -21894761681963938e-27,
    9790998951171684e-27,
    -2178219188018096e-27,
    6208819573407901e-32,
    2126978363279737e-28,
    -9344688791517433e-29,
    2045367122678285e-29
  ],
  [
    -8618882909167117e-19,
    7840392217200666e-19,
    -2990724803031902e-19,
    -14638452578843418e-22,
    6641498215465122e-20,
    -3968365047179435e-20,
    11375726970678419e-21,
    2507497226237533e-25,
    -16954149536558305e-22,
    8907507532205309e-22,
    -2292934834000805e-22,
    2956794137544049e-26,
    28865829742708783e-24,
    -14189739437803219e-24,
    34463580499464896e-25,
    -23024517174528067e-29,
    -39409233028046403e-26,
    186023389685045e-24,
    -4356323005056618e-26,
    1278600101629623e-30,
    467927502665792e-26,
    -2149246470613483e-27,
    4908815614809652e-28,
    -633859148489156e-32,
    -5045332069080094e-29
  ],
  [
    -33679855336635813e-20,
    -6972813758365858e-20,
    2772753244959392e-19,
    -19932570516188847e-20,
    6797780477937208e-20,
    1419062920643967e-22,
    -13594048189768693e-21,
    8018470256334202e-21,
    -2291481176508095e-21,
    -3252473551298454e-25,
    34652846491085265e-23,
    -18447187191171344e-23,
    48240967037894184e-24,
    -17989466721743514e-30,
    -6306194500013523e-24,
    3162417628774568e-24,
    -7840924253697429e-25,
    5192679165254041e-30,
    9358944242306784e-26,
    -4513426216163278e-26,
    10799129993116828e-27,
    -3661886712685252e-32,
    -1210902069055155e-27,
    5680743584990564e-28,
    -13249659916340829e-29
  ],
  [
    5313079364639922e-19,
    -5921664373536939e-19,
    2708782096718045e-19,
    7902353232660328e-22,
    -8153969367561969e-20,
    561168275310625e-19,
    -18329116582843375e-21,
    -30796134506033047e-25,
    3465155368803609e-21,
    -20291327396058603e-22,
    5788792863149004e-22,
    2338630673826657e-28,
    -8828600746330484e-23,
    47435958880408125e-24,
    -12545415020710382e-24,
    8649648858010293e-29,
    16846058979264062e-25,
    -8575492823577594e-25,
    21598224929232125e-26,
    -7613230520476153e-31,
    -26639822008536144e-27,
    13065700536611057e-27,
    -31799163902367977e-28,
    4710976121367431e-33,
    36902800842763465e-29
  ],
  [
    34436760689237765e-20,
    5171790908260592e-20,
    -33493161081142234e-20,
    2812695154763237e-19,
    -10976582244684731e-20,
    -12741009095484485e-23,
    27744451511563645e-21,
    -18263488805711332e-21,
    57876949497350525e-22,
    493875893393627e-24,
    -10595367014026043e-22,
    6166714376110408e-22,
    -17562973359060463e-23,
    -1297447328701544e-27,
    2695423606288966e-23,
    -14578352908731272e-24,
    3887645959386175e-24,
    -3881002251019412e-32,
    -5327994173877286e-25,
    27437977643314844e-26,
    -6995796092070568e-26,
    2589986387486848e-32,
    8856689099669639e-27,
    -4403168815871311e-27,
    10865561947091654e-28
  ],
  [
    -6526239185953094e-19,
    8394987206720873e-19,
    -438297098541721e-18,
    -6969091458420552e-22,
    16644846642067547e-20,
    -12783517679769218e-20,
    4629953263691304e-20,
    4557909867922708e-24,
    -10595271125805195e-21,
    6783342904865167e-21,
    -21075476666258803e-22,
    -17213731432817144e-27,
    3773587741611098e-22,
    -21867506700122867e-23,
    6220228804018927e-23,
    6597703826733e-28,
    -9590386497425686e-24,
    5213214492280807e-24,
    -13991589583935709e-25,
    5382058999060575e-31,
    19484714275467745e-26,
    -10127287556389682e-26,
    26077347197254926e-27,
    -5090418699993299e-33,
    -33721464474854593e-28
  ],
  [
    -5967612901927463e-19,
    -7204895416020011e-20,
    6782308837667328e-19,
    -6401475260262758e-19,
    27750107634328704e-20,
    1819700838046515e-22,
    -8479507117068503e-20,
    6105192082501531e-20,
    -21073920183404862e-21,
    -8858589014125599e-25,
    45284535953805374e-22,
    -28427815022504407e-22,
    8708234177864641e-22,
    36886101871706966e-28,
    -1534469519070206e-22,
    8862466778790695e-23,
    -25184812301826817e-24,
    -10225912098215092e-30,
    3896947075815478e-24,
    -21267304792235634e-25,
    5737013552805138e-25,
    -1887749850169741e-34,
    -8093153869465787e-26,
    423827232834492e-25,
    -11002224534207727e-27
  ],
  [
    0.0013324454494800656,
    -0.0019144384985654776,
    0.0011089369134596636,
    99324041226423e-20,
    -5087450129309319e-19,
    42735056665392886e-20,
    -168588537679108e-18,
    -81301893922785e-22,
    45284402370562144e-21,
    -3127053674781734e-20,
    1044986828530338e-20,
    48435226265680926e-27,
    -2148256587345626e-21,
    1329369701097492e-21,
    -4029569309210103e-22,
    -1756787766632329e-28,
    7014504316366825e-23,
    -4040787734999483e-23,
    11474026743371962e-24,
    39642746853563326e-34,
    -17804938269892715e-25,
    9748026254873165e-25,
    -26405338676507616e-26,
    5794875163403742e-33,
    3764774955354384e-26
  ],
  [
    0.001579727660730835,
    16251626278391583e-20,
    -0.0020633421035543276,
    0.00213896861856891,
    -0.0010108559391263003,
    -399127055299192e-21,
    3623502508476469e-19,
    -28143901463712157e-20,
    10449513336495887e-20,
    212114184918303e-23,
    -25779417251947842e-21,
    17281818956040464e-21,
    -5641377387290428e-21,
    -11024320105776174e-27,
    11223224418895176e-22,
    -6869339637952674e-22,
    20653236975414888e-23,
    46714772409838506e-30,
    -35609886164949055e-24,
    20470855345905963e-24,
    -5809173863328336e-24,
    -1332821287582869e-31,
    9035460439133513e-25,
    -4959878251733084e-25,
    13481607129399748e-26
  ],
  [
    -0.004072512119514016,
    0.00640336283380807,
    -0.004041016108167662,
    -2183732802866233e-21,
    0.002174044180125464,
    -0.001970044051841889,
    8359546974796246e-19,
    19445447567109655e-24,
    -257793871204217e-18,
    19009987368139304e-20,
    -6769649993743896e-20,
    -14440629666426571e-26,
    15712512518742267e-21,
    -10304008744776892e-21,
    3304517767401387e-21,
    7982976024232571e-28,
    -64097794149313e-20,
    38894624761300054e-23,
    -1161834764494887e-22,
    -2816808630596451e-30,
    19878012911297094e-24,
    -11407719956357511e-24,
    32355857064185554e-25,
    4175946829345594e-35,
    -5042311271810582e-25
  ],
  [
    -0.0059475779383993,
    -5401647678926045e-19,
    0.00879104135507679,
    -0.009857631558785612,
    0.005013469503102154,
    12807521786221875e-22,
    -0.0020626019342754685,
    0.0017109128573523059,
    -676953127141338e-18,
    -6901154567656214e-24,
    18855128143995903e-20,
    -1339521566349197e-19,
    4626318303352804e-20,
    4003423061332135e-26,
    -10255652921494033e-21,
    6612086372797651e-21,
    -20913022027253007e-22,
    -20951775649603836e-29,
    3975602904199325e-22,
    -2395621197881589e-22,
    7118288338214586e-23,
    8925574873053455e-31,
    -12101547235064675e-24,
    6935061824833439e-24,
    -196614644538561e-23
  ],
  [
    0.01740202778752271,
    -0.029527880945699123,
    0.020045875571402798,
    70289515966903405e-22,
    -0.012375421071343148,
    0.011976293444235253,
    -0.0054156038466518525,
    -6329089339641862e-23,
    0.0018855118129005065,
    -0.001473473274825001,
    5551581009770838e-19,
    5240683441255066e-25,
    -14357913535784837e-20,
    991812932249433e-19,
    -3346083474947831e-20,
    -3575583729109899e-27,
    71560851960630075e-22,
    -4551680262815553e-21,
    14236576649271474e-22,
    18803149082089665e-30,
    -2662340389892921e-22,
    15950642189595716e-23,
    -471875146738411e-22,
    -6510787295875518e-32,
    7979509102674624e-24
  ],
  [
    0.03024912416090589,
    0.0024817436002649977,
    -0.049939134373457025,
    0.05991564300930787,
    -0.03248320760162339,
    -5721296865210344e-21,
    0.015085251778569354,
    -0.013261324005088445,
    0.0055515262632426145,
    3026318225703001e-23,
    -0.0017229548406756724,
    0.0012893570099929638,
    -46845138348319875e-20,
    -1830259937893045e-25,
    11449739014822654e-20,
    -7737856522124447e-20,
    25625836246985202e-21,
    10766165333192815e-28,
    -5324680928242262e-21,
    3349634863064464e-21,
    -10381253128684019e-22,
    -5608909920621128e-30,
    19150821930676592e-23,
    -11418365800203487e-23,
    33654425209171787e-24
  ],
  [
    -0.09905102088015905,
    0.17954011706123485,
    -0.12989606383463778,
    -31478872752284355e-21,
    0.09051063527684813,
    -0.0928288244111844,
    0.04441211283987781,
    27779236316835886e-23,
    -0.017229543805449696,
    0.014182925050891573,
    -0.005621416163374734,
    -239598509186381e-23,
    0.0016029634366079909,
    -0.0011606784674435774,
    41001337768153875e-20,
    1836580075409066e-26,
    -958442565636559e-19,
    6364306233776471e-20,
    -2076250624489065e-20,
    -11806020912804483e-29,
    4213180823912065e-21,
    -2626224133701247e-21,
    8077062049493066e-22,
    6012591212363273e-31,
    -1472973737401884e-22
  ],
  [
    -0.19994542198219728,
    -0.015056113040026424,
    0.36470239469348487,
    -0.4643519231173355,
    0.26640934719197895,
    3403826602714719e-20,
    -0.13784338709329624,
    0.1276467178337056,
    -0.056213828755200985,
    -1753150885483011e-22,
    0.019235592956768112,
    -0.015088821281095314,
    0.005740185445135012,
    10622382710310225e-25,
    -0.0015335082692563998,
    0.0010819320643228215,
    -3737251019394566e-19,
    -6617090972903199e-27,
    8426361738090962e-20,
    -5515070682748348e-20,
    1776953644834807e-20,
    3882792321020553e-29,
    -353513697488768e-20,
    2186583213004527e-21,
    -668128494476256e-21
  ],
  [
    0.7243860850402943,
    -1.3918010932653375,
    1.0654143352413967,
    1876173868950258e-19,
    -0.827055011761527,
    0.8935243334782842,
    -0.44971003995291337,
    -16107401567546651e-22,
    0.1923559016527109,
    -0.1659770216004261,
    0.06888222268181433,
    13910091724608687e-24,
    -0.02146911561508663,
    0.016228980898865892,
    -0.005979601617258426,
    -11287469112826745e-26,
    0.0015167451119784856,
    -0.00104786342935539,
    3553907288912642e-19,
    8170432211180152e-28,
    -777730134424524e-19,
    5029141389700772e-20,
    -16035083867000518e-21,
    12469354315487606e-30,
    31369106244517616e-22
  ],
  [
    1.6668949727276812,
    0.1165462765994632,
    -3.3288393225018904,
    4.469232548286404,
    -2.6977693045875806,
    -2600667859891061e-19,
    1.5389017615694538,
    -1.4937962361134611,
    0.6888196463323315,
    13077482004552384e-22,
    -0.2576296332559629,
    0.21097676102125448,
    -0.08371440835921988,
    -7792042888135476e-24,
    0.0242679230648336,
    -0.017813678334552312,
    0.006397033038890006,
    4943080709048052e-26,
    -0.0015554602758465635,
    0.0010561196919903215,
    -352771844604729e-18,
    9300233464502246e-29,
    7528585502655717e-20,
    -4818651556915635e-20,
    15227271505597605e-21
  ],
  [
    -6.618829886137293,
    13.397985455142589,
    -10.789350606845145,
    -0.0014352254537875018,
    9.23336945961898,
    -10.456552819547769,
    5.510552602903347,
    12024439690716742e-21,
    -2.5762961164755818,
    2.320744274538718,
    -1.0045728797216285,
    -10207833290021913e-23,
    0.3397509217116947,
    -0.2672051745075747,
    0.10235252851562705,
    8432973048487163e-25,
    -0.027998284958442594,
    0.020066274144976814,
    -0.007055436891508624,
    19402238183698188e-28,
    0.0016562888105449611,
    -0.0011082898580743682,
    3654545161310169e-19,
    -5129003202697179e-26,
    -7634010369686903e-20
  ],
  [
    -17.112706061976095,
    -1.1208044642899115,
    37.131966511885445,
    -52.29827102534896,
    33.058589696624615,
    0.002479129897620022,
    -20.61089403411526,
    20.88672775145582,
    -10.045703956517752,
    -12238783449063012e-21,
    4.077013427422114,
    -3.473667358470195,
    1.4329352617312006,
    7135991441187971e-23,
    -0.4479725715911561,
    0.3411266608064446,
    -0.12699786326594922,
    -2895367726908153e-25,
    0.03312577627825986,
    -0.023274087021036102,
    0.008039999350364889,
    -1177805216235265e-24,
    -0.001832162489107167,
    0.0012108282933588664,
    -3947994124682252e-19
  ],
  [
    73.89033153567425,
    -156.80141270402274,
    132.2177542759164,
    0.013692876877324546,
    -123.66496885920151,
    146.2068939106273,
    -80.36558772486535,
    -11259851148881298e-20,
    40.77013219617994,
    -38.21034001327303,
    17.19522294277362,
    9351970795516835e-22,
    -6.271615990774704,
    5.116899907185264,
    -2.0319658112299095,
    -4950721558276154e-24,
    0.596263972943326,
    -0.44220765337238094,
    0.16079998700166273,
    -24733786203223403e-24,
    -0.040307574759979765,
    0.02784905074709787,
    -0.009475185899205422,
    6419922235909132e-21,
    0.002125018077469946
  ],
  [
    212.1683709838252,
    13.107863022633868,
    -496.9828593287175,
    731.215952669692,
    -482.1382172089085,
    -0.028817248692894887,
    326.167203029471,
    -343.8934028008712,
    171.95193870816232,
    14038077378096157e-20,
    -75.2594195897599,
    66.51969984520935,
    -28.447519748152462,
    -7613702615875392e-22,
    9.540223710530437,
    -7.517530111331138,
    2.894399756887196,
    -466121949995382e-21,
    -0.8061514959879409,
    0.5848300657063102,
    -0.20845408972964957,
    14765818959305816e-20,
    0.05100043386375302,
    -0.03306625214188366,
    0.015109265210467774
  ],
  [
    -989.5964309832236,
    2192.555536090523,
    -1928.3586782723355,
    -0.15925738122215252,
    1956.9985945919857,
    -2407.2514765081555,
    1375.6149959336497,
    0.0012920735237496668,
    -752.5941715948055,
    731.7166874220871,
    -341.37023466220063,
    -9985739026060805e-21,
    133.56313181291574,
    -112.76295161252794,
    46.31039609820446,
    -7923738713361476e-21,
    -14.510726927018647,
    11.111771248100563,
    -4.169081794527089,
    0.0031008219800117806,
    1.1220095449981469,
    -0.7605237992614992,
    0.36262236505085255,
    0.2216867741940747,
    0.48683443692930506
  ]
];
var IGAM_MAXITER = 2e3;
var IGAM_SMALL = 20;
var IGAM_LARGE = 200;
var IGAM_SMALLRATIO = 0.3;
var IGAM_LARGERATIO = 4.5;
var IGAM_BIG = 4503599627370496;
var IGAM_BIGINV = 2220446049250313e-31;
function igamFac(a, x) {
  if (abs(a - x) > 0.4 * abs(a)) {
    const ax = a * log(x) - x - logGamma(a);
    if (ax < -MAXLOG) return 0;
    return exp(ax);
  }
  const fac = a + LANCZOS_G - 0.5;
  let res = sqrt(fac / exp(1)) / lanczosSumExpgScaled(a);
  if (a < 200 && x < 200) {
    res *= exp(a - x) * (x / fac) ** a;
  } else {
    const num = x - a - LANCZOS_G + 0.5;
    res *= exp(a * log1pmx(num / fac) + x * (0.5 - LANCZOS_G) / fac);
  }
  return res;
}
function igamcContinuedFraction(a, x) {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < IGAM_MAXITER; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t;
    if (qk !== 0) {
      const r = pk / qk;
      t = abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (abs(pk) > IGAM_BIG) {
      pkm2 *= IGAM_BIGINV;
      pkm1 *= IGAM_BIGINV;
      qkm2 *= IGAM_BIGINV;
      qkm1 *= IGAM_BIGINV;
    }
    if (t <= MACHEP) break;
  }
  return ans * ax;
}
function igamSeries(a, x) {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < IGAM_MAXITER; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c <= MACHEP * ans) break;
  }
  return ans * ax / a;
}
function igamcSeries(a, x) {
  let fac = 1;
  let sum = 0;
  for (let n = 1; n < IGAM_MAXITER; n++) {
    fac *= -x / n;
    const term2 = fac / (a + n);
    sum += term2;
    if (abs(term2) <= MACHEP * abs(sum)) break;
  }
  const logx = log(x);
  const term = -expm1(a * logx - logGamma1p(a));
  return term - exp(a * logx - logGamma(a)) * sum;
}
function igamAsymptoticSeries(a, x, lower) {
  const sgn = lower ? -1 : 1;
  const lambda = x / a;
  const sigma = (x - a) / a;
  let eta;
  if (lambda > 1) eta = sqrt(-2 * log1pmx(sigma));
  else if (lambda < 1) eta = -sqrt(-2 * log1pmx(sigma));
  else eta = 0;
  let res = 0.5 * erfc(sgn * eta * sqrt(a / 2));
  const K = IGAM_D.length;
  const N = IGAM_D[0].length;
  const etapow = new Float64Array(N);
  etapow[0] = 1;
  let maxpow = 0;
  let sum = 0;
  let afac = 1;
  let absoldterm = Number.POSITIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    const dk = IGAM_D[k];
    let ck = dk[0];
    for (let n = 1; n < N; n++) {
      if (n > maxpow) {
        etapow[n] = eta * etapow[n - 1];
        maxpow += 1;
      }
      const ckterm = dk[n] * etapow[n];
      ck += ckterm;
      if (abs(ckterm) < MACHEP * abs(ck)) break;
    }
    const term = ck * afac;
    const absterm = abs(term);
    if (absterm > absoldterm) break;
    sum += term;
    if (absterm < MACHEP * abs(sum)) break;
    absoldterm = absterm;
    afac /= a;
  }
  res += sgn * exp(-0.5 * a * eta * eta) * sum / sqrt(2 * Math.PI * a);
  return res;
}
function regularizedGammaQ(a, x) {
  if (x < 0 || a <= 0 || Number.isNaN(a) || Number.isNaN(x)) return Number.NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const absxmaA = abs(x - a) / a;
  if (a > IGAM_SMALL && a < IGAM_LARGE && absxmaA < IGAM_SMALLRATIO) return igamAsymptoticSeries(a, x, false);
  if (a > IGAM_LARGE && absxmaA < IGAM_LARGERATIO / sqrt(a)) return igamAsymptoticSeries(a, x, false);
  if (x > 1.1) {
    if (x < a) return 1 - igamSeries(a, x);
    return igamcContinuedFraction(a, x);
  }
  if (x <= 0.5) {
    if (-0.4 / log(x) < a) return 1 - igamSeries(a, x);
    return igamcSeries(a, x);
  }
  if (x * 1.1 < a) return 1 - igamSeries(a, x);
  return igamcSeries(a, x);
}
function chiSquareSurvival(x, df) {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return regularizedGammaQ(df / 2, x / 2);
}

// packages/core/src/stats/random.ts
var { abs: abs2, cos, exp: exp2, floor: floor2, imul, log: log2, min, PI, sin: sin2, sqrt: sqrt2 } = Math;
var isNaNNumber = Number.isNaN;
function mix32(value) {
  let h = value >>> 0;
  h = imul(h ^ h >>> 16, 2246822507);
  h = imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
var TWO_POW_53 = 9007199254740992;
var SeededRandom = class {
  // Typed arrays, not fields: V8 boxes integers beyond 31 bits held in fields, one allocation per draw.
  state = new Int32Array(4);
  /** The second normal of the last Box-Muller pair, NaN when used. */
  spare = new Float64Array([Number.NaN]);
  /** seed, stream and index are taken as unsigned 32-bit integers. */
  constructor(seed, stream = 0, index = 0) {
    let h = mix32(seed + 2654435769);
    h = mix32(h ^ stream + 1013904242);
    h = mix32(h ^ index + 3668340011);
    const state = this.state;
    state[0] = mix32(h + 2654435769);
    state[1] = mix32(h + 1013904242);
    state[2] = mix32(h + 3668340011);
    state[3] = mix32(h + 2027808484);
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  }
  /** The next 32 random bits, as an unsigned integer. */
  nextUint32() {
    const state = this.state;
    const s0 = state[0];
    const s1 = state[1];
    const s2 = state[2] ^ s0;
    const s3 = state[3] ^ s1;
    const x = imul(s1, 5);
    const result = imul(x << 7 | x >>> 25, 9);
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ s1 << 9;
    state[3] = s3 << 11 | s3 >>> 21;
    return result >>> 0;
  }
  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble() {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }
  /**
   * A uniform integer in [0, bound), bound <= 2^32, without bias: Lemire's multiply-and-reject
   * ("Fast random integer generation in an interval", 2019) while bound * 2^32 is exact in a double
   * (bound < 2^21); above, the 53-bit product, whose bias is below bound / 2^53.
   */
  nextIndex(bound2) {
    if (bound2 >= 2097152) return floor2(this.nextDouble() * bound2);
    for (; ; ) {
      const product = this.nextUint32() * bound2;
      const high = floor2(product * 23283064365386963e-26);
      const low = product - high * 4294967296;
      if (low >= bound2 || low >= (4294967296 - bound2) % bound2) return high;
    }
  }
  /** A standard normal: Box-Muller, the second of each pair kept for the next call. */
  nextNormal() {
    const spare = this.spare[0];
    if (!isNaNNumber(spare)) {
      this.spare[0] = Number.NaN;
      return spare;
    }
    const radius = sqrt2(-2 * log2(1 - this.nextDouble()));
    const angle = 2 * PI * this.nextDouble();
    this.spare[0] = radius * sin2(angle);
    return radius * cos(angle);
  }
  /**
   * Binomial(n, p), exact: inversion when n * min(p, 1-p) < 10, otherwise Hörmann's BTRS transformed
   * rejection (W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46, 1993),
   * the algorithm TensorFlow and JAX use.
   */
  binomial(n, p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.binomialBtrs(n, p);
  }
  /** numpy's random_binomial_inversion (Kachitvichyanukul & Schmeiser's BINV), for n * p < 10 and p <= 0.5. */
  binomialInversion(n, p) {
    const q = 1 - p;
    const qn = exp2(n * log2(q));
    const np = n * p;
    const bound2 = min(n, np + 10 * sqrt2(np * q + 1));
    const s = p / q;
    const a = (n + 1) * s;
    let x = 0;
    let px = qn;
    let u = this.nextDouble();
    while (u > px) {
      x++;
      if (x > bound2) {
        x = 0;
        px = qn;
        u = this.nextDouble();
      } else {
        u -= px;
        px *= a / x - s;
      }
    }
    return x;
  }
  binomialBtrs(n, p) {
    const q = 1 - p;
    const spq = sqrt2(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const r = p / q;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = floor2((n + 1) * p);
    for (; ; ) {
      const u = this.nextDouble() - 0.5;
      let v = this.nextDouble();
      const us = 0.5 - abs2(u);
      const k = floor2((2 * a / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = log2(v * alpha / (a / (us * us) + b));
      const bound2 = (m + 0.5) * log2((m + 1) / (r * (n - m + 1))) + (n + 1) * log2((n - m + 1) / (n - k + 1)) + (k + 0.5) * log2(r * (n - k + 1) / (k + 1)) + stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
      if (v <= bound2) return k;
    }
  }
  /**
   * Multinomial(total, counts / sum(counts)) into `out`, by conditional binomials: cell j gets
   * Binomial(remaining draws, counts[j] / remaining count), which is exact. Resampling `total` rows with
   * replacement from rows grouped into cells of sizes `counts` gives exactly this distribution of cell counts.
   */
  multinomial(total, counts, out) {
    let remainingDraws = total;
    let remainingCount = 0;
    for (let j = 0; j < counts.length; j++) remainingCount += counts[j];
    for (let j = 0; j < counts.length; j++) {
      const count2 = counts[j];
      if (remainingDraws === 0 || count2 === 0) {
        out[j] = 0;
        continue;
      }
      const drawn = count2 >= remainingCount ? remainingDraws : this.binomial(remainingDraws, count2 / remainingCount);
      out[j] = drawn;
      remainingDraws -= drawn;
      remainingCount -= count2;
    }
  }
};
var LOG_SQRT_2PI = 0.5 * log2(2 * PI);
var STIRLING_TAIL_TABLE = Array.from(
  { length: 10 },
  (_, k) => logGamma(k + 1) - (k + 0.5) * log2(k + 1) + (k + 1) - LOG_SQRT_2PI
);
function stirlingTail(k) {
  if (k <= 9) return STIRLING_TAIL_TABLE[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

// packages/core/src/stats/sort.ts
var RADIX_MIN_LENGTH = 2048;
var SHIFTS = [0, 11, 22, 0, 11, 22];
var WIDTHS = [11, 11, 10, 11, 11, 10];
var BUCKETS = 2048;
var LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function sortFloat64InPlace(values) {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const counts = new Uint32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i];
    let h = words[2 * i + 1];
    if (h >>> 31) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else {
      h = (h | 2147483648) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    counts[l & 2047]++;
    counts[BUCKETS + (l >>> 11 & 2047)]++;
    counts[2 * BUCKETS + (l >>> 22)]++;
    counts[3 * BUCKETS + (h & 2047)]++;
    counts[4 * BUCKETS + (h >>> 11 & 2047)]++;
    counts[5 * BUCKETS + (h >>> 22)]++;
  }
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  const positions = new Uint32Array(BUCKETS);
  for (let pass2 = 0; pass2 < 6; pass2++) {
    const base = pass2 * BUCKETS;
    const shift = SHIFTS[pass2];
    const mask = (1 << WIDTHS[pass2]) - 1;
    const keys = pass2 < 3 ? lo : hi;
    if (counts[base + (keys[0] >>> shift & mask)] === n) continue;
    let running = 0;
    for (let d = 0; d < BUCKETS; d++) {
      positions[d] = running;
      running += counts[base + d];
    }
    for (let i = 0; i < n; i++) {
      const pos = positions[keys[i] >>> shift & mask]++;
      loOut[pos] = lo[i];
      hiOut[pos] = hi[i];
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h >>> 31) {
      words[2 * i] = lo[i];
      words[2 * i + 1] = h & 2147483647;
    } else {
      words[2 * i] = ~lo[i] >>> 0;
      words[2 * i + 1] = ~h >>> 0;
    }
  }
  return values;
}

// packages/core/src/stats/bootstrap.ts
var { abs: abs3, floor: floor3, log: log3, max, min: min2, sqrt: sqrt3 } = Math;
var COUNTING_METRICS = /* @__PURE__ */ new Set([
  "accuracy",
  "precision",
  "recall",
  "f1",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted"
]);
var SCORE_METRICS2 = ["roc_auc", "average_precision", "log_loss"];
var BOOTSTRAP_METRICS = [
  ...COUNTING_METRICS,
  ...SCORE_METRICS2
];
var BINARY_COUNTING = /* @__PURE__ */ new Set(["precision", "recall", "f1"]);
var DEFAULT_RESAMPLES = 1e3;
var DEFAULT_CONFIDENCE = 0.95;
var DEFAULT_BOOTSTRAP_SEED = 20261127;
var EXACT_MAX_ROWS = 2e4;
var LINEARIZED_MIN_CLASS_ROWS = 200;
var LINEARIZED_GROUPS = 256;
var LINEARIZATION_CHECKS = 0;
var STREAM = { counting: 1, rows: 2, roc_auc: 3, average_precision: 4, log_loss: 5, check: 6 };
var LOG_LOSS_EPS = 2220446049250313e-31;
function pairedBootstrap(input) {
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  validate(input, resamples, confidence, seed);
  const result = {};
  const keep = input.keepReplicates === true;
  const quantiles = [(1 - confidence) / 2, 1 - (1 - confidence) / 2];
  const counting = input.metrics.filter((m) => COUNTING_METRICS.has(m));
  const binaryProblem = binaryProblemOf(input);
  const runnableCounting = [];
  for (const metric of counting) {
    const reason = BINARY_COUNTING.has(metric) ? binaryProblem : void 0;
    if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
    else runnableCounting.push(metric);
  }
  if (runnableCounting.length > 0) {
    const replicates = countingReplicates(input, runnableCounting, resamples, seed);
    for (const [metric, values] of replicates) {
      result[metric] = intervalOf(values.deltas, values.delta, "exact", quantiles, keep);
    }
  }
  const scoreMetrics = SCORE_METRICS2.filter((m) => input.metrics.includes(m));
  if (scoreMetrics.length > 0) {
    const problem = binaryProblem ?? scoreProblem(input);
    const runnable = [];
    for (const metric of scoreMetrics) {
      const reason = problem ?? (metric === "roc_auc" ? aucProblem(input) : void 0);
      if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
      else runnable.push(metric);
    }
    if (runnable.length > 0) {
      const scored = scoreReplicates(input, runnable, resamples, seed);
      for (const [metric, values] of scored) {
        const interval2 = intervalOf(values.deltas, values.delta, values.method, quantiles, keep);
        if (interval2.lo !== null && values.approximation) interval2.approximation = values.approximation;
        result[metric] = interval2.lo === null ? { lo: null, hi: null, reason: `${metric}: ${interval2.reason}` } : interval2;
      }
    }
  }
  return result;
}
function validate(input, resamples, confidence, seed) {
  const n = input.labels.length;
  if (n === 0) throw new RangeError("bootstrap: there are no rows");
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`bootstrap: confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 4294967295)
    throw new RangeError(`bootstrap: seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  const checks = input.linearizationChecks ?? 0;
  if (!Number.isSafeInteger(checks) || checks < 0)
    throw new RangeError(`bootstrap: linearizationChecks must be a non-negative integer, got ${checks}`);
  const k = input.classCount;
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`bootstrap: classCount must be positive, got ${k}`);
  if (input.positive !== void 0 && !(Number.isInteger(input.positive) && input.positive >= 0 && input.positive < k))
    throw new RangeError(`bootstrap: positive class ${input.positive} is not one of the ${k} classes`);
  for (const metric of input.metrics) {
    if (!COUNTING_METRICS.has(metric) && !SCORE_METRICS2.includes(metric))
      throw new RangeError(`bootstrap: unknown metric '${metric}'`);
  }
  const codes = [
    ["labels", input.labels],
    ["candidate predictions", input.candidate.predictions],
    ["baseline predictions", input.baseline.predictions]
  ];
  for (const [name, values] of codes) {
    if (values.length !== n) throw new RangeError(`bootstrap: ${n} labels but ${values.length} ${name}`);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < 0 || v >= k)
        throw new RangeError(`bootstrap: ${name} row ${i} is class ${v}, not one of ${k} classes`);
    }
  }
  for (const [name, scores] of [
    ["candidate", input.candidate.scores],
    ["baseline", input.baseline.scores]
  ]) {
    if (!scores) continue;
    if (scores.length !== n)
      throw new RangeError(`bootstrap: ${n} labels but ${scores.length} ${name} scores`);
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      if (!(s >= 0 && s <= 1))
        throw new RangeError(`bootstrap: ${name} score at row ${i} is ${s}, not in [0, 1]`);
    }
  }
}
function binaryProblemOf(input) {
  const present = /* @__PURE__ */ new Set();
  for (const codes of [input.labels, input.candidate.predictions, input.baseline.predictions]) {
    for (let i = 0; i < codes.length && present.size <= 2; i++) present.add(codes[i]);
  }
  if (present.size > 2)
    return `${present.size} classes in the labels and predictions: a binary metric needs two (scikit-learn raises for average='binary')`;
  if (input.positive === void 0) return "no positive class given";
  return void 0;
}
function scoreProblem(input) {
  if (!input.candidate.scores && !input.baseline.scores) return "needs scores and neither model has them";
  if (!input.candidate.scores) return "needs scores and the candidate has none";
  if (!input.baseline.scores) return "needs scores and the baseline has none";
  return void 0;
}
function aucProblem(input) {
  const positive = input.positive;
  let positives = 0;
  for (let i = 0; i < input.labels.length; i++) if (input.labels[i] === positive) positives++;
  if (positives === 0 || positives === input.labels.length)
    return "only one class in the labels, ROC AUC is not defined";
  return void 0;
}
function intervalOf(deltas, delta, method, [qLo, qHi], keep) {
  const defined = sortFloat64InPlace(deltas.filter((d) => !Number.isNaN(d)));
  if (defined.length === 0)
    return { lo: null, hi: null, reason: "undefined on every resample (each has a single class)" };
  const interval2 = {
    lo: quantileSorted(defined, qLo),
    hi: quantileSorted(defined, qHi),
    delta,
    method,
    resamples: defined.length
  };
  if (keep) interval2.replicates = deltas;
  return interval2;
}
function quantileSorted(sorted, q) {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  const previous = min2(max(floor3(virtual), 0), n - 1);
  const next = min2(previous + 1, n - 1);
  const gamma = virtual - previous;
  const a = sorted[previous];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
function countingReplicates(input, metrics, resamples, seed) {
  const k = input.classCount;
  const n = input.labels.length;
  const { labels } = input;
  const candidate = input.candidate.predictions;
  const baseline = input.baseline.predictions;
  const cellCounts = /* @__PURE__ */ new Map();
  if (k * k * k <= 65536) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) dense[(labels[i] * k + candidate[i]) * k + baseline[i]]++;
    dense.forEach((count2, key) => {
      if (count2 > 0) cellCounts.set(key, count2);
    });
  } else {
    for (let i = 0; i < n; i++) {
      const key = (labels[i] * k + candidate[i]) * k + baseline[i];
      cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
    }
  }
  const keys = [...cellCounts.keys()].sort((a, b) => a - b);
  const cells = keys.length;
  const counts = new Float64Array(cells);
  const candidateCell = new Int32Array(cells);
  const baselineCell = new Int32Array(cells);
  for (let j = 0; j < cells; j++) {
    const key = keys[j];
    const label = floor3(key / (k * k));
    counts[j] = cellCounts.get(key);
    candidateCell[j] = label * k + floor3(key / k) % k;
    baselineCell[j] = label * k + key % k;
  }
  const candidateConfusion = new Float64Array(k * k);
  const baselineConfusion = new Float64Array(k * k);
  const fill = (drawn2) => {
    candidateConfusion.fill(0);
    baselineConfusion.fill(0);
    for (let j = 0; j < cells; j++) {
      candidateConfusion[candidateCell[j]] += drawn2[j];
      baselineConfusion[baselineCell[j]] += drawn2[j];
    }
  };
  const scorers = metrics.map((metric) => countingScorer(metric, k, input.positive ?? 0));
  const out = /* @__PURE__ */ new Map();
  fill(counts);
  metrics.forEach((metric, m) => {
    const score = scorers[m];
    out.set(metric, {
      deltas: new Float64Array(resamples),
      delta: score(candidateConfusion) - score(baselineConfusion)
    });
  });
  const drawn = new Float64Array(cells);
  const deltaArrays = metrics.map((metric) => out.get(metric).deltas);
  for (let r = 0; r < resamples; r++) {
    new SeededRandom(seed, STREAM.counting, r).multinomial(n, counts, drawn);
    fill(drawn);
    for (let m = 0; m < metrics.length; m++) {
      const score = scorers[m];
      deltaArrays[m][r] = score(candidateConfusion) - score(baselineConfusion);
    }
  }
  return out;
}
function countingScorer(metric, k, positive) {
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  const margins = (confusion) => {
    predicted.fill(0);
    actual.fill(0);
    let total = 0;
    for (let t = 0; t < k; t++) {
      for (let p = 0; p < k; p++) {
        const v = confusion[t * k + p];
        actual[t] += v;
        predicted[p] += v;
        total += v;
      }
    }
    return total;
  };
  const perClass = (kind2, confusion, c) => {
    const tp = confusion[c * k + c];
    const denominator = kind2 === "precision" ? predicted[c] : kind2 === "recall" ? actual[c] : predicted[c] + actual[c];
    if (denominator === 0) return 0;
    return kind2 === "f1" ? 2 * tp / denominator : tp / denominator;
  };
  if (metric === "accuracy") {
    return (confusion) => {
      let correct = 0;
      let total = 0;
      for (let c = 0; c < k; c++) correct += confusion[c * k + c];
      for (let i = 0; i < k * k; i++) total += confusion[i];
      return correct / total;
    };
  }
  const [kind, average] = metric.split("_");
  if (average === void 0) {
    return (confusion) => {
      margins(confusion);
      return perClass(kind, confusion, positive);
    };
  }
  return (confusion) => {
    const total = margins(confusion);
    let sum = 0;
    let present = 0;
    for (let c = 0; c < k; c++) {
      if (average === "macro") {
        if (actual[c] === 0 && predicted[c] === 0) continue;
        present++;
        sum += perClass(kind, confusion, c);
      } else if (actual[c] > 0) {
        sum += perClass(kind, confusion, c) * actual[c];
      }
    }
    return average === "macro" ? sum / present : sum / total;
  };
}
function scoreGroups(scores, isPositive) {
  const n = scores.length;
  const { order, hi, lo } = argsortUnitInterval(scores);
  const groupOf = new Int32Array(n);
  const groupPositives = new Float64Array(n);
  const groupNegatives = new Float64Array(n);
  let groups = 0;
  for (let j = 0; j < n; j++) {
    if (j === 0 || hi[j] !== hi[j - 1] || lo[j] !== lo[j - 1]) groups++;
    const row = order[j];
    groupOf[row] = groups - 1;
    if (isPositive[row]) groupPositives[groups - 1]++;
    else groupNegatives[groups - 1]++;
  }
  const loss = new Float64Array(n);
  const upper = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const clipped = min2(max(s, LOG_LOSS_EPS), upper);
    loss[i] = -log3(isPositive[i] ? clipped : 1 - clipped);
  }
  return {
    groupOf,
    groups,
    positives: groupPositives.slice(0, groups),
    negatives: groupNegatives.slice(0, groups),
    loss
  };
}
function argsortUnitInterval(values) {
  const n = values.length;
  const bits = new Uint32Array(Float64Array.from(values).buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  const counts = new Uint32Array(4 * 4096);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1];
    const negativeZero = h >>> 31;
    const l = negativeZero ? 0 : bits[2 * i];
    const hk = negativeZero ? 0 : h;
    lo[i] = l;
    hi[i] = hk;
    order[i] = i;
    counts[l >>> 16 & 4095]++;
    counts[4096 + ((l >>> 28 | hk << 4) & 4095)]++;
    counts[8192 + (hk >>> 8 & 4095)]++;
    counts[12288 + (hk >>> 20)]++;
  }
  const digit = (pass2, l, h) => pass2 === 0 ? l >>> 16 & 4095 : pass2 === 1 ? (l >>> 28 | h << 4) & 4095 : pass2 === 2 ? h >>> 8 & 4095 : h >>> 20;
  let loOut = new Uint32Array(n);
  let hiOut = new Uint32Array(n);
  let orderOut = new Uint32Array(n);
  const positions = new Uint32Array(4096);
  for (let pass2 = 0; pass2 < 4; pass2++) {
    const base = pass2 * 4096;
    if (counts[base + digit(pass2, lo[0], hi[0])] === n) continue;
    let running = 0;
    for (let d = 0; d < 4096; d++) {
      positions[d] = running;
      running += counts[base + d];
    }
    for (let i = 0; i < n; i++) {
      const l = lo[i];
      const h = hi[i];
      const at = positions[digit(pass2, l, h)]++;
      loOut[at] = l;
      hiOut[at] = h;
      orderOut[at] = order[i];
    }
    [lo, loOut] = [loOut, lo];
    [hi, hiOut] = [hiOut, hi];
    [order, orderOut] = [orderOut, order];
  }
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && hi[end] === hi[start] && lo[end] >>> 16 === lo[start] >>> 16) end++;
    for (let j = start + 1; j < end; j++) {
      const l = lo[j];
      const o = order[j];
      let k = j - 1;
      while (k >= start && (lo[k] & 65535) > (l & 65535)) {
        lo[k + 1] = lo[k];
        order[k + 1] = order[k];
        k--;
      }
      lo[k + 1] = l;
      order[k + 1] = o;
    }
    start = end;
  }
  return { order, hi, lo };
}
var WeightedScoreMetrics = class {
  constructor(model) {
    this.model = model;
    this.positiveWeight = new Float64Array(model.groups);
    this.negativeWeight = new Float64Array(model.groups);
  }
  model;
  positiveWeight;
  negativeWeight;
  /** Fills the per-group weights from row weights (none: every row weight 1). */
  accumulate(isPositive, weights) {
    const { groupOf } = this.model;
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    if (!weights) {
      pos.set(this.model.positives);
      neg.set(this.model.negatives);
      return;
    }
    pos.fill(0);
    neg.fill(0);
    for (let i = 0; i < groupOf.length; i++) {
      const w = weights[i];
      if (w === 0) continue;
      if (isPositive[i]) pos[groupOf[i]] += w;
      else neg[groupOf[i]] += w;
    }
  }
  /**
   * roc_auc_score: the trapezoidal area under the ROC curve, which with tied scores is the Mann-Whitney
   * statistic with ties counted one half. NaN when a class has no weight (sklearn raises).
   */
  rocAuc() {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let negativesBelow = 0;
    let positives = 0;
    let area = 0;
    for (let g = 0; g < pos.length; g++) {
      area += pos[g] * (negativesBelow + 0.5 * neg[g]);
      negativesBelow += neg[g];
      positives += pos[g];
    }
    if (positives === 0 || negativesBelow === 0) return Number.NaN;
    return area / (positives * negativesBelow);
  }
  /**
   * average_precision_score: sum over distinct thresholds (descending) of the recall step times the
   * precision there. Without positive weight, scikit-learn 1.2.1 warns and returns 0.
   */
  averagePrecision() {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let tp = 0;
    let fp = 0;
    let sum = 0;
    for (let g = pos.length - 1; g >= 0; g--) {
      const p = pos[g];
      tp += p;
      fp += neg[g];
      if (p > 0) sum += p * tp / (tp + fp);
    }
    return tp === 0 ? 0 : sum / tp;
  }
};
function scoreReplicates(input, metrics, resamples, seed) {
  const n = input.labels.length;
  const positive = input.positive;
  const isPositive = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (input.labels[i] === positive) {
      isPositive[i] = 1;
      positives++;
    }
  }
  const candidate = new WeightedScoreMetrics(scoreGroups(input.candidate.scores, isPositive));
  const baseline = new WeightedScoreMetrics(scoreGroups(input.baseline.scores, isPositive));
  const lossDifference = new Float64Array(n);
  for (let i = 0; i < n; i++) lossDifference[i] = candidate.model.loss[i] - baseline.model.loss[i];
  const requested = input.method ?? "auto";
  const method = requested !== "auto" ? requested : n <= EXACT_MAX_ROWS || min2(positives, n - positives) < LINEARIZED_MIN_CLASS_ROWS ? "exact" : "linearized";
  const wantsRanking = metrics.includes("roc_auc") || metrics.includes("average_precision");
  const wantsLoss = metrics.includes("log_loss");
  const deltasOf = (weights2) => {
    let lossDelta = 0;
    if (wantsLoss) {
      if (weights2) for (let i = 0; i < n; i++) lossDelta += weights2[i] * lossDifference[i];
      else for (let i = 0; i < n; i++) lossDelta += lossDifference[i];
    }
    if (!wantsRanking) return { roc_auc: Number.NaN, average_precision: Number.NaN, log_loss: lossDelta / n };
    candidate.accumulate(isPositive, weights2);
    baseline.accumulate(isPositive, weights2);
    return {
      roc_auc: candidate.rocAuc() - baseline.rocAuc(),
      average_precision: candidate.averagePrecision() - baseline.averagePrecision(),
      log_loss: lossDelta / n
    };
  };
  const pointDeltas = deltasOf();
  const out = /* @__PURE__ */ new Map();
  if (method === "exact") {
    const deltaArrays = metrics.map((metric) => {
      const deltas = new Float64Array(resamples);
      out.set(metric, { deltas, delta: pointDeltas[metric], method });
      return deltas;
    });
    const weights2 = new Int32Array(n);
    for (let r = 0; r < resamples; r++) {
      drawRowWeights(new SeededRandom(seed, STREAM.rows, r), weights2);
      const deltas = deltasOf(weights2);
      for (let m = 0; m < metrics.length; m++) deltaArrays[m][r] = deltas[metrics[m]];
    }
    return out;
  }
  const influence = /* @__PURE__ */ new Map();
  if (metrics.includes("log_loss"))
    influence.set(
      "log_loss",
      lossDifference.map((d) => d / n)
    );
  for (const metric of metrics) {
    if (metric === "log_loss") continue;
    const perGroup = [candidate, baseline].map((model) => {
      model.accumulate(isPositive);
      return metric === "roc_auc" ? aucInfluence(model) : averagePrecisionInfluence(model);
    });
    const [c, b] = perGroup;
    const groupOfCandidate = candidate.model.groupOf;
    const groupOfBaseline = baseline.model.groupOf;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = isPositive[i] ? c.positive[groupOfCandidate[i]] - b.positive[groupOfBaseline[i]] : c.negative[groupOfCandidate[i]] - b.negative[groupOfBaseline[i]];
    }
    influence.set(metric, x);
  }
  const linearizationError = new Map(metrics.map((m) => [m, 0]));
  const checks = input.linearizationChecks ?? LINEARIZATION_CHECKS;
  const weights = new Int32Array(n);
  for (let r = 0; r < checks; r++) {
    drawRowWeights(new SeededRandom(seed, STREAM.check, r), weights);
    const exact = deltasOf(weights);
    for (const metric of metrics) {
      const x = influence.get(metric);
      let linear = pointDeltas[metric];
      for (let i = 0; i < n; i++) linear += (weights[i] - 1) * x[i];
      const error = abs3(exact[metric] - linear);
      if (error > linearizationError.get(metric)) linearizationError.set(metric, error);
    }
  }
  for (const metric of metrics) {
    const grouped = groupedSum(influence.get(metric), LINEARIZED_GROUPS);
    const deltas = new Float64Array(resamples);
    const offset = pointDeltas[metric] - grouped.total;
    for (let r = 0; r < resamples; r++) {
      deltas[r] = offset + grouped.draw(new SeededRandom(seed, STREAM[metric], r), n);
    }
    out.set(metric, {
      deltas,
      delta: pointDeltas[metric],
      method,
      approximation: {
        groups: grouped.groups,
        withinGroupVarianceShare: grouped.withinShare,
        checkResamples: checks,
        linearizationError: checks > 0 ? linearizationError.get(metric) : null
      }
    });
  }
  return out;
}
function drawRowWeights(random, weights) {
  const n = weights.length;
  weights.fill(0);
  for (let t = 0; t < n; t++) weights[random.nextIndex(n)]++;
}
function aucInfluence(model) {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  let positives = 0;
  let negatives = 0;
  for (let g = 0; g < groups; g++) {
    positives += pos[g];
    negatives += neg[g];
  }
  const auc = model.rocAuc();
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  let negativesBelow = 0;
  let positivesAbove = positives;
  for (let g = 0; g < groups; g++) {
    positivesAbove -= pos[g];
    positive[g] = ((negativesBelow + 0.5 * neg[g]) / negatives - auc) / positives;
    negative[g] = ((positivesAbove + 0.5 * pos[g]) / positives - auc) / negatives;
    negativesBelow += neg[g];
  }
  return { positive, negative };
}
function averagePrecisionInfluence(model) {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  const ap = model.averagePrecision();
  const precision = new Float64Array(groups);
  const fpTerm = new Float64Array(groups);
  const tpTerm = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  for (let g = groups - 1; g >= 0; g--) {
    tp += pos[g];
    fp += neg[g];
    const predicted = tp + fp;
    precision[g] = tp / predicted;
    fpTerm[g] = pos[g] * fp / (predicted * predicted);
    tpTerm[g] = pos[g] * tp / (predicted * predicted);
  }
  const positives = tp;
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  if (positives === 0) return { positive, negative };
  let fpBelow = 0;
  let tpBelow = 0;
  for (let g = 0; g < groups; g++) {
    fpBelow += fpTerm[g];
    tpBelow += tpTerm[g];
    positive[g] = (precision[g] - ap + fpBelow) / positives;
    negative[g] = -tpBelow / positives;
  }
  return { positive, negative };
}
function groupedSum(values, maxGroups) {
  const n = values.length;
  const sorted = sortFloat64InPlace(Float64Array.from(values));
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  const overallMean = total / n;
  let spread = 0;
  for (let i = 0; i < n; i++) spread += (sorted[i] - overallMean) ** 2;
  const rowCap = n <= maxGroups ? 1 : 2 * n / maxGroups;
  const massCap = 2 * spread / maxGroups;
  const sizes = [];
  const means = [];
  const variances = [];
  let within = 0;
  const close = (start2, end) => {
    let sum = 0;
    for (let i = start2; i < end; i++) sum += sorted[i];
    const mean = sum / (end - start2);
    let squares = 0;
    for (let i = start2; i < end; i++) squares += (sorted[i] - mean) ** 2;
    sizes.push(end - start2);
    means.push(mean);
    variances.push(squares / (end - start2));
    within += squares;
  };
  let start = 0;
  let mass = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (sorted[i] - overallMean) ** 2;
    if (i > start && (i - start >= rowCap || mass + deviation > massCap)) {
      close(start, i);
      start = i;
      mass = 0;
    }
    mass += deviation;
  }
  close(start, n);
  const groups = sizes.length;
  const groupSizes = Float64Array.from(sizes);
  const groupMeans = Float64Array.from(means);
  const groupVariances = Float64Array.from(variances);
  const drawn = new Float64Array(groups);
  return {
    groups,
    total,
    withinShare: spread === 0 ? 0 : within / spread,
    draw(random, draws) {
      random.multinomial(draws, groupSizes, drawn);
      let sum = 0;
      let variance = 0;
      for (let g = 0; g < groups; g++) {
        const m = drawn[g];
        sum += m * groupMeans[g];
        variance += m * groupVariances[g];
      }
      return variance > 0 ? sum + sqrt3(variance) * random.nextNormal() : sum;
    }
  };
}

// packages/core/src/step.ts
function defineStep(definition) {
  return definition;
}

// packages/core/src/metrics/summation.ts
var NUMPY_BUFFER_SIZE = 8192;
var PAIRWISE_BLOCK = 128;
function pairwiseSum(values, start, length) {
  if (length < 8) {
    let sum = 0;
    for (let i = start; i < start + length; i++) sum += values[i];
    return sum;
  }
  if (length <= PAIRWISE_BLOCK) {
    let r0 = values[start];
    let r1 = values[start + 1];
    let r2 = values[start + 2];
    let r3 = values[start + 3];
    let r4 = values[start + 4];
    let r5 = values[start + 5];
    let r6 = values[start + 6];
    let r7 = values[start + 7];
    const unrolledEnd = start + length - length % 8;
    let i = start + 8;
    for (; i < unrolledEnd; i += 8) {
      r0 += values[i];
      r1 += values[i + 1];
      r2 += values[i + 2];
      r3 += values[i + 3];
      r4 += values[i + 4];
      r5 += values[i + 5];
      r6 += values[i + 6];
      r7 += values[i + 7];
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + length; i++) sum += values[i];
    return sum;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}
function numpySum(values) {
  let total = 0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER_SIZE) {
    total += pairwiseSum(values, start, Math.min(NUMPY_BUFFER_SIZE, values.length - start));
  }
  return total;
}
var NumpySum = class {
  chunk = new Float64Array(NUMPY_BUFFER_SIZE);
  filled = 0;
  total = 0;
  add(value) {
    this.chunk[this.filled++] = value;
    if (this.filled === NUMPY_BUFFER_SIZE) {
      this.total += pairwiseSum(this.chunk, 0, NUMPY_BUFFER_SIZE);
      this.filled = 0;
    }
  }
  /** The sum of everything added so far. */
  sum() {
    return this.filled === 0 ? this.total : this.total + pairwiseSum(this.chunk, 0, this.filled);
  }
};

// packages/core/src/metrics/classification.ts
var { log: log4, max: max2, min: min3 } = Math;
var FLOAT64_EPS = 2220446049250313e-31;
var ROC_AUC_ONE_CLASS = "Only one class present in y_true. ROC AUC score is not defined in that case.";
var BINARY_ON_MULTICLASS = "Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].";
var AVERAGE_PRECISION_NO_POSITIVE = "No positive class found in y_true, recall is set to one for all thresholds.";
function checkRows(labels, predictions, second = "predictions") {
  if (labels.length !== predictions.length) {
    throw new InputError(
      `labels and ${second} have different lengths (${labels.length} and ${predictions.length})`
    );
  }
  if (labels.length === 0) throw new InputError("no rows to evaluate");
  return labels.length;
}
function checkScores(scores) {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s >= 0 && s <= 1)) {
      throw new InputError(`score ${s} at row ${i + 1} is not a probability in [0, 1]`);
    }
  }
}
function confusionCounts(labels, predictions, classCount) {
  const n = checkRows(labels, predictions);
  const counts = new Float64Array(classCount * classCount);
  for (let i = 0; i < n; i++) {
    const t = labels[i];
    const p = predictions[i];
    if (t >>> 0 >= classCount || p >>> 0 >= classCount) {
      throw new InputError(
        `row ${i + 1}: class index ${t >>> 0 >= classCount ? t : p} is outside the ${classCount} classes`
      );
    }
    counts[t * classCount + p]++;
  }
  return counts;
}
function classTotals(counts, classCount) {
  const actual = new Float64Array(classCount);
  const predicted = new Float64Array(classCount);
  for (let t = 0; t < classCount; t++) {
    for (let p = 0; p < classCount; p++) {
      const c = counts[t * classCount + p];
      actual[t] += c;
      predicted[p] += c;
    }
  }
  const present = [];
  for (let c = 0; c < classCount; c++) if (actual[c] + predicted[c] > 0) present.push(c);
  return { actual, predicted, present };
}
function confusionOf(counts, classes, present) {
  const k = classes.length;
  return {
    classes: present.map((c) => classes[c]),
    matrix: present.map((t) => present.map((p) => counts[t * k + p]))
  };
}
function prf(truePositives, predicted, actual) {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const denominator = precision + recall;
  const f1 = 2 * precision * recall / (denominator === 0 ? 1 : denominator);
  return { precision, recall, f1 };
}
function illDefined(metric, modifier, labelCount) {
  const where = labelCount === 1 ? "due to" : "in labels with";
  return `${metric} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zero_division\` parameter to control this behavior.`;
}
function averagedFromCounts(counts, classCount, totals, average) {
  const { actual, predicted, present } = totals;
  const k = present.length;
  const precisions = new Float64Array(k);
  const recalls = new Float64Array(k);
  const f1s = new Float64Array(k);
  const warnings = {};
  for (let i = 0; i < k; i++) {
    const c = present[i];
    const one = prf(counts[c * classCount + c], predicted[c], actual[c]);
    precisions[i] = one.precision;
    recalls[i] = one.recall;
    f1s[i] = one.f1;
    if (predicted[c] === 0) warnings.precision = illDefined("Precision is", "predicted", k);
    if (actual[c] === 0) warnings.recall = illDefined("Recall is", "true", k);
  }
  if (average === "macro") {
    return {
      values: { precision: numpySum(precisions) / k, recall: numpySum(recalls) / k, f1: numpySum(f1s) / k },
      warnings
    };
  }
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) weights[i] = actual[present[i]];
  const weightSum = numpySum(weights);
  const weighted = (scores) => {
    const products = new Float64Array(k);
    for (let i = 0; i < k; i++) products[i] = scores[i] * weights[i];
    return numpySum(products) / weightSum;
  };
  return {
    values: { precision: weighted(precisions), recall: weighted(recalls), f1: weighted(f1s) },
    warnings
  };
}
function pythonList(names) {
  return `[${names.map((name) => `'${name}'`).join(", ")}]`;
}
function binaryRefusal(present, classes, positive) {
  if (present.length > 2) return BINARY_ON_MULTICLASS;
  if (present.length === 2 && !present.includes(positive)) {
    const names = present.map((c) => classes[c]);
    return `pos_label=${classes[positive]} is not a valid label. It should be one of ${pythonList(names)}`;
  }
  return void 0;
}
function binaryFromCounts(counts, classCount, totals, positive) {
  const predicted = totals.predicted[positive];
  const actual = totals.actual[positive];
  const values = prf(counts[positive * classCount + positive], predicted, actual);
  const warnings = {};
  if (predicted === 0) warnings.precision = illDefined("Precision is", "predicted", 1);
  if (actual === 0) warnings.recall = illDefined("Recall is", "true", 1);
  if (predicted === 0 && actual === 0) warnings.f1 = illDefined("F-score is", "true nor predicted", 1);
  return { values, warnings };
}
function thresholdCounts(labels, scores, positive) {
  const n = checkRows(labels, scores, "scores");
  let positives = 0;
  for (let i2 = 0; i2 < n; i2++) if (labels[i2] === positive) positives++;
  const negatives = n - positives;
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  for (let i2 = 0, a = 0, b = 0; i2 < n; i2++) {
    if (labels[i2] === positive) positiveScores[a++] = scores[i2];
    else negativeScores[b++] = scores[i2];
  }
  sortFloat64InPlace(positiveScores);
  sortFloat64InPlace(negativeScores);
  const truePositives = new Float64Array(n);
  const falsePositives = new Float64Array(n);
  let i = positives - 1;
  let j = negatives - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const score = i < 0 ? negativeScores[j] : j < 0 ? positiveScores[i] : max2(positiveScores[i], negativeScores[j]);
    while (i >= 0 && positiveScores[i] === score) {
      tp++;
      i--;
    }
    while (j >= 0 && negativeScores[j] === score) {
      fp++;
      j--;
    }
    truePositives[m] = tp;
    falsePositives[m] = fp;
    m++;
  }
  return { truePositives, falsePositives, thresholds: m, positives, negatives };
}
function rocAucFromThresholds(curve) {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives, negatives } = curve;
  if (positives === 0 || negatives === 0) return void 0;
  const area = new NumpySum();
  let previousFpr = 0;
  let previousTpr = 0;
  const point = (index) => {
    const fpr = fps[index] / negatives;
    const tpr = tps[index] / positives;
    area.add((fpr - previousFpr) * (tpr + previousTpr) / 2);
    previousFpr = fpr;
    previousTpr = tpr;
  };
  point(0);
  for (let index = 1; index < m - 1; index++) {
    const corner = fps[index + 1] - 2 * fps[index] + fps[index - 1] !== 0 || tps[index + 1] - 2 * tps[index] + tps[index - 1] !== 0;
    if (corner) point(index);
  }
  if (m > 1) point(m - 1);
  return area.sum();
}
function averagePrecisionFromThresholds(curve) {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives } = curve;
  const recallAt = (index) => positives === 0 ? 1 : tps[index] / positives;
  const sum = new NumpySum();
  for (let index = m - 1; index >= 0; index--) {
    const precision = tps[index] / (tps[index] + fps[index]);
    const nextRecall = index > 0 ? recallAt(index - 1) : 0;
    sum.add((nextRecall - recallAt(index)) * precision);
  }
  return -sum.sum() + 0;
}
function logLossKernel(labels, scores, positive) {
  const n = labels.length;
  const sum = new NumpySum();
  const high = 1 - FLOAT64_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const p = min3(max2(s, FLOAT64_EPS), high);
    const q = 1 - p;
    const total = q + p;
    sum.add(-log4((labels[i] === positive ? p : q) / total));
  }
  return sum.sum() / n;
}
function classificationMetrics(input) {
  const { labels, predictions, classes, scores, positive } = input;
  const k = classes.length;
  if (k === 0) throw new InputError("no classes given");
  if (positive !== void 0 && !(Number.isInteger(positive) && positive >= 0 && positive < k)) {
    throw new InputError(`positive class index ${positive} is outside the ${k} classes`);
  }
  const n = checkRows(labels, predictions);
  if (scores) {
    checkRows(labels, scores, "scores");
    checkScores(scores);
  }
  const counts = confusionCounts(labels, predictions, k);
  const totals = classTotals(counts, k);
  const values = {};
  const reasons = {};
  let right = 0;
  for (let c = 0; c < k; c++) right += counts[c * k + c];
  values.accuracy = right / n;
  const wantBinary = totals.present.length <= 2 || positive !== void 0 || scores !== void 0;
  if (wantBinary) {
    const names = scores ? [...BINARY_METRICS, ...SCORE_METRICS] : [...BINARY_METRICS];
    const decision = binaryDecision(totals.present, classes, positive);
    if ("refusal" in decision) {
      for (const name of names) {
        values[name] = null;
        reasons[name] = decision.refusal;
      }
    } else {
      const positiveClass = decision.positive;
      const binary = binaryFromCounts(counts, k, totals, positiveClass);
      for (const name of BINARY_METRICS) {
        values[name] = binary.values[name];
        const warning = binary.warnings[name];
        if (warning) reasons[name] = warning;
      }
      if (scores) {
        const curve = thresholdCounts(labels, scores, positiveClass);
        const auc = rocAucFromThresholds(curve);
        values.roc_auc = auc ?? null;
        if (auc === void 0) reasons.roc_auc = ROC_AUC_ONE_CLASS;
        values.average_precision = averagePrecisionFromThresholds(curve);
        if (curve.positives === 0) reasons.average_precision = AVERAGE_PRECISION_NO_POSITIVE;
        values.log_loss = logLossKernel(labels, scores, positiveClass);
      }
    }
  }
  for (const average of ["macro", "weighted"]) {
    const averaged = averagedFromCounts(counts, k, totals, average);
    for (const metric of ["precision", "recall", "f1"]) {
      const name = `${metric}_${average}`;
      values[name] = averaged.values[metric];
      const warning = averaged.warnings[metric];
      if (warning) reasons[name] = warning;
    }
  }
  return { values: inOrder(values), reasons, confusion: confusionOf(counts, classes, totals.present) };
}
function binaryDecision(present, classes, positive) {
  let chosen = positive;
  if (chosen === void 0 && present.length === 2) chosen = present[1];
  if (chosen === void 0 && present.length === 1 && classes.length === 2) chosen = 1;
  if (chosen === void 0 && present.length === 1) {
    return {
      refusal: `labels and predictions hold one class only ('${classes[present[0]]}'): give the positive label`
    };
  }
  const refusal = binaryRefusal(present, classes, chosen ?? -1);
  if (refusal !== void 0 || chosen === void 0) return { refusal: refusal ?? BINARY_ON_MULTICLASS };
  return { positive: chosen };
}
function inOrder(values) {
  const ordered = {};
  for (const name of CLASSIFICATION_METRICS) if (name in values) ordered[name] = values[name];
  return ordered;
}

// packages/core/src/metrics/regression.ts
var { abs: abs4, max: max3, sqrt: sqrt4 } = Math;
var FLOAT64_EPS2 = 2220446049250313e-31;
var R2_ONE_SAMPLE = "R^2 score is not well-defined with less than two samples.";
function checkRows2(actual, predicted) {
  if (actual.length !== predicted.length) {
    throw new InputError(
      `actual and predicted values have different lengths (${actual.length} and ${predicted.length})`
    );
  }
  if (actual.length === 0) throw new InputError("no rows to evaluate");
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] - actual[i] !== 0) throw new InputError(`actual value ${actual[i]} at row ${i + 1}`);
    if (predicted[i] - predicted[i] !== 0) {
      throw new InputError(`predicted value ${predicted[i]} at row ${i + 1}`);
    }
  }
  return actual.length;
}
function r2FromParts({ residual, total }, forceFinite) {
  if (!forceFinite) return 1 - residual / total;
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}
function regressionMetrics(input) {
  const { actual, predicted } = input;
  const n = checkRows2(actual, predicted);
  const squared = new NumpySum();
  const absolute = new NumpySum();
  const percentage = new NumpySum();
  const sumActual = new NumpySum();
  let zeros = 0;
  let lowest = actual[0];
  let highest = actual[0];
  for (let i = 0; i < n; i++) {
    const y = actual[i];
    if (y < lowest) lowest = y;
    if (y > highest) highest = y;
    const d = y - predicted[i];
    squared.add(d * d);
    const error = abs4(d);
    absolute.add(error);
    const magnitude = abs4(y);
    if (magnitude < FLOAT64_EPS2) zeros++;
    percentage.add(error / max3(magnitude, FLOAT64_EPS2));
    sumActual.add(y);
  }
  const residual = squared.sum();
  const reasons = {};
  let r2Value = null;
  if (n < 2) {
    reasons.r2 = R2_ONE_SAMPLE;
  } else {
    const mean = sumActual.sum() / n;
    const total = new NumpySum();
    for (let i = 0; i < n; i++) {
      const d = actual[i] - mean;
      total.add(d * d);
    }
    const parts = { residual, total: total.sum() };
    r2Value = r2FromParts(parts, true);
    if (parts.total === 0) {
      reasons.r2 = `the actual values are constant: sklearn's force_finite rule gives ${parts.residual === 0 ? "1.0 for a perfect prediction" : "0.0 for an imperfect prediction"}`;
    } else if (lowest === highest) {
      reasons.r2 = `the actual values are constant but numpy's mean of them is not exactly ${lowest}: sklearn divides by its rounding error`;
    }
  }
  if (zeros > 0) {
    reasons.mape = `${zeros} actual value${zeros === 1 ? " is" : "s are"} 0 (below machine epsilon): sklearn divides their errors by 2.22e-16`;
  }
  return {
    values: {
      rmse: sqrt4(residual / n),
      mae: absolute.sum() / n,
      r2: r2Value,
      mape: percentage.sum() / n
    },
    reasons
  };
}

// packages/core/src/stats/mcnemar.ts
var { abs: abs5, exp: exp3, log: log5, min: min4, PI: PI2, sqrt: sqrt5 } = Math;
var MCNEMAR_EXACT_BELOW = 25;
function mcnemarTest(b, c, method = "auto") {
  for (const [name, value] of [
    ["b", b],
    ["c", c]
  ]) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`McNemar: ${name} must be a count (a non-negative integer), got ${value}`);
  }
  const n = b + c;
  const chosen = method === "auto" ? n < MCNEMAR_EXACT_BELOW ? "exact" : "chi-square" : method;
  if (n === 0) return { statistic: 0, pValue: 1, method: chosen, b, c };
  if (chosen === "chi-square") {
    const statistic = (abs5(b - c) - 1) ** 2 / n;
    return { statistic, pValue: chiSquareSurvival(statistic, 1), method: chosen, b, c };
  }
  const k = min4(b, c);
  const pValue = 2 * k === n ? 1 : min4(1, 2 * binomialHalfCdf(k, n));
  return { statistic: k, pValue, method: chosen, b, c };
}
var EXACT_SUM_MAX_N = 50;
function binomialHalfCdf(k, n) {
  if (n <= EXACT_SUM_MAX_N) {
    let term2 = 1;
    let sum2 = 1;
    for (let i = 1; i <= k; i++) {
      term2 = term2 * (n - i + 1) / i;
      sum2 += term2;
    }
    return sum2 / 2 ** n;
  }
  let term = binomialHalfPmf(k, n);
  let sum = term;
  for (let i = k; i > 0 && term > sum * 1e-17; i--) {
    term *= i / (n - i + 1);
    sum += term;
  }
  return sum;
}
function binomialHalfPmf(k, n) {
  if (k === 0) return 2 ** -n;
  const half = n / 2;
  const logValue = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, half) - deviance(n - k, half);
  return exp3(logValue) * sqrt5(n / (2 * PI2 * k * (n - k)));
}
var LOG_SQRT_2PI2 = 0.5 * log5(2 * PI2);
function stirlingError(n) {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * log5(n) + n - LOG_SQRT_2PI2;
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}
function deviance(x, np) {
  if (abs5(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1e3; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * log5(x / np) + np - x;
}

// packages/core/src/steps/evaluate/gates.ts
var number2 = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
var metricName = "[A-Za-z_][A-Za-z0-9_.]*";
var boundPattern = new RegExp(`^(${metricName})\\s*(>=|<=)\\s*(${number2})$`);
var changePattern = new RegExp(`^(${metricName}):(max_drop|max_drop_pct|non_inferior|alpha)=(${number2})$`);
function parseGate(text, isMetric, option = "gate") {
  const trimmed = text.trim();
  const at = trimmed.indexOf("@");
  const body = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  const slice = at >= 0 ? parseSlice(trimmed.slice(at + 1).trim(), text, option) : void 0;
  const fail2 = (why) => {
    throw new InputError(`${option}: '${text}' ${why}`);
  };
  const bound2 = boundPattern.exec(body);
  const change = bound2 ? void 0 : changePattern.exec(body);
  if (!bound2 && !change)
    fail2(
      "is not a gate: expected METRIC>=VALUE, METRIC<=VALUE, METRIC:max_drop=VALUE, METRIC:max_drop_pct=VALUE, METRIC:non_inferior=MARGIN or mcnemar:alpha=ALPHA, optionally followed by @SLICE"
    );
  const [, metric, operator, valueText] = bound2 ?? change;
  const value = Number(valueText);
  let rule2;
  if (metric === "mcnemar") {
    if (operator !== "alpha") fail2("is not a gate: McNemar takes mcnemar:alpha=ALPHA");
    if (!(value > 0 && value < 1)) fail2("has an alpha outside (0, 1)");
    rule2 = { kind: "mcnemar", alpha: value };
  } else {
    if (!isMetric(metric)) fail2(`names an unknown metric '${metric}'`);
    switch (operator) {
      case ">=":
        rule2 = { kind: "min", value };
        break;
      case "<=":
        rule2 = { kind: "max", value };
        break;
      case "max_drop":
      case "max_drop_pct":
        if (value < 0) fail2(`has a negative ${operator}`);
        rule2 = { kind: operator, value };
        break;
      case "non_inferior":
        if (value < 0) fail2("has a negative margin");
        rule2 = { kind: "non_inferior", margin: value };
        break;
      default:
        return fail2("is not a gate: alpha= belongs to mcnemar");
    }
  }
  return { text: trimmed, metric, rule: rule2, ...slice ? { slice } : {} };
}
function parseSlice(text, gate, option) {
  if (text === "*") return { kind: "all" };
  const equals = text.indexOf("=");
  if (equals < 0) {
    if (text === "") throw new InputError(`${option}: '${gate}' has an empty slice after @`);
    return { kind: "column", column: text };
  }
  const column = text.slice(0, equals).trim();
  if (column === "") throw new InputError(`${option}: '${gate}' has a slice without a column name`);
  return { kind: "value", column, value: text.slice(equals + 1).trim() };
}
var format = (value) => Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
var formatAgainst = (value, bound2) => value !== bound2 && format(value) === format(bound2) ? String(value) : format(value);
function checkMetricGate(gate, evidence) {
  const { rule: rule2 } = gate;
  const candidate = evidence.candidate ?? null;
  const baseline = evidence.baseline ?? null;
  const passed = (message) => ({ status: "passed", message });
  const failed = (message) => ({ status: "failed", message });
  if (candidate === null) return failed(`${gate.metric} is missing for the candidate`);
  if (rule2.kind === "min")
    return candidate >= rule2.value ? passed(`${gate.metric} ${formatAgainst(candidate, rule2.value)} >= ${format(rule2.value)}`) : failed(`${gate.metric} ${formatAgainst(candidate, rule2.value)} is below ${format(rule2.value)}`);
  if (rule2.kind === "max")
    return candidate <= rule2.value ? passed(`${gate.metric} ${formatAgainst(candidate, rule2.value)} <= ${format(rule2.value)}`) : failed(`${gate.metric} ${formatAgainst(candidate, rule2.value)} is above ${format(rule2.value)}`);
  if (rule2.kind === "mcnemar") throw new Error("checkMetricGate: McNemar is checked on the predictions");
  if (baseline === null) return failed(`${gate.metric} is missing for the baseline`);
  const improvement = evidence.higherIsBetter ? candidate - baseline : baseline - candidate;
  const drop = -improvement;
  const change = `${format(baseline)} -> ${format(candidate)}`;
  switch (rule2.kind) {
    case "max_drop":
      return drop <= rule2.value ? passed(
        `${gate.metric} ${change}: worse by ${format(Math.max(drop, 0))}, within max_drop ${format(rule2.value)}`
      ) : failed(
        `${gate.metric} ${change}: worse by ${formatAgainst(drop, rule2.value)}, more than max_drop ${format(rule2.value)}`
      );
    case "max_drop_pct": {
      const pct = drop <= 0 ? 0 : baseline === 0 ? Number.POSITIVE_INFINITY : drop / Math.abs(baseline) * 100;
      return pct <= rule2.value ? passed(
        `${gate.metric} ${change}: worse by ${format(pct)}%, within max_drop_pct ${format(rule2.value)}%`
      ) : failed(
        `${gate.metric} ${change}: worse by ${format(pct)}%, more than max_drop_pct ${format(rule2.value)}%`
      );
    }
    case "non_inferior": {
      const interval2 = evidence.interval ?? null;
      if (interval2 === null)
        return failed(`${gate.metric} has no bootstrap interval (needs predictions on both sides)`);
      const lower = evidence.higherIsBetter ? interval2[0] : -interval2[1];
      return lower >= -rule2.margin ? passed(
        `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, within the margin ${format(rule2.margin)}`
      ) : failed(
        `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, below -${format(rule2.margin)}: not shown non-inferior`
      );
    }
  }
}

// packages/core/src/steps/evaluate/compare.ts
function metricsOf(columns) {
  if (columns.task === "regression") {
    const { values: values2, reasons: reasons2 } = regressionMetrics(columns);
    return { values: { ...values2 }, reasons: { ...reasons2 } };
  }
  const { values, reasons } = classificationMetrics({
    labels: columns.labels,
    predictions: columns.predictions,
    classes: columns.classes,
    ...columns.scores ? { scores: columns.scores } : {},
    ...columns.positive === void 0 ? {} : { positive: columns.positive }
  });
  return { values: { ...values }, reasons: { ...reasons } };
}
function subset(columns, rows) {
  const pick = (array2) => {
    const out = new array2.constructor(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = array2[rows[i]];
    return out;
  };
  if (columns.task === "regression")
    return { task: "regression", actual: pick(columns.actual), predicted: pick(columns.predicted) };
  return {
    ...columns,
    labels: pick(columns.labels),
    predictions: pick(columns.predictions),
    ...columns.scores ? { scores: pick(columns.scores) } : {}
  };
}
function alignClasses(a, b) {
  if (a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i])) return [a, b];
  const numeric = [...a.classes, ...b.classes].every((c) => c.trim() !== "" && Number.isFinite(Number(c)));
  const classes = [.../* @__PURE__ */ new Set([...a.classes, ...b.classes])].sort(
    numeric ? (x, y) => Number(x) - Number(y) : (x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))
  );
  const index = new Map(classes.map((c, i) => [c, i]));
  const remap = (columns) => {
    const to = columns.classes.map((c) => index.get(c));
    return {
      ...columns,
      classes,
      labels: columns.labels.map((code2) => to[code2]),
      predictions: columns.predictions.map((code2) => to[code2]),
      ...columns.positive === void 0 ? {} : { positive: to[columns.positive] }
    };
  };
  return [remap(a), remap(b)];
}
function digestOf(side) {
  return side.kind === "predictions" ? side.predictions.dataDigest : side.metrics.dataDigest;
}
function nameOf(side) {
  return side.kind === "predictions" ? side.predictions.file : side.metrics.file;
}
function compare(candidate, baseline, gates, options) {
  const candidateDigest = digestOf(candidate);
  const baselineDigest = baseline ? digestOf(baseline) : void 0;
  let same = null;
  if (baseline) {
    same = candidateDigest !== void 0 && candidateDigest === baselineDigest;
    if (!same && !options.allowDifferentData) {
      const why = candidateDigest === void 0 || baselineDigest === void 0 ? `${candidateDigest === void 0 ? nameOf(candidate) : nameOf(baseline)} does not say which data it was evaluated on` : `${nameOf(candidate)} was evaluated on ${candidateDigest.slice(0, 19)}\u2026, ${nameOf(baseline)} on ${baselineDigest.slice(0, 19)}\u2026`;
      throw new InputError(
        `baseline: the candidate and the baseline must be evaluated on the same data: ${why} (allow-different-data compares anyway)`
      );
    }
  }
  const notes = {};
  const sideValues = (side, label) => {
    if (side.kind === "metrics") return { ...side.metrics.metrics };
    const { values, reasons } = metricsOf(side.predictions.columns);
    for (const [name, reason] of Object.entries(reasons)) notes[name] ??= `${label}: ${reason}`;
    return values;
  };
  const candidateValues = sideValues(candidate, "candidate");
  const baselineValues = baseline ? sideValues(baseline, "baseline") : {};
  let paired;
  if (candidate.kind === "predictions" && baseline?.kind === "predictions" && same) {
    const a = candidate.predictions.columns;
    const b = baseline.predictions.columns;
    if (a.task === "classification" && b.task === "classification") paired = alignClasses(a, b);
    else if (a.task === b.task) paired = [a, b];
  }
  const intervals = paired ? bootstrapIntervals(paired, Object.keys(candidateValues), options, notes) : {};
  const names = [.../* @__PURE__ */ new Set([...Object.keys(candidateValues), ...Object.keys(baselineValues)])];
  const metrics = {};
  for (const name of names)
    metrics[name] = comparison(candidateValues[name], baselineValues[name], intervals[name]);
  const slices = [];
  const sliceRows = /* @__PURE__ */ new Map();
  if (candidate.kind === "predictions") {
    const baselineColumns = paired?.[1];
    for (const slice of candidate.predictions.slices) {
      slice.values.forEach((value, code2) => {
        const rows2 = indexesOf(slice.codes, code2);
        const mine = metricsOf(subset(paired?.[0] ?? candidate.predictions.columns, rows2)).values;
        const theirs = baselineColumns ? metricsOf(subset(baselineColumns, rows2)).values : {};
        const compared = {};
        for (const name of Object.keys(mine))
          compared[name] = comparison(mine[name], theirs[name], void 0);
        const entry = { column: slice.column, value, rows: rows2.length, metrics: compared };
        slices.push(entry);
        sliceRows.set(entry, rows2);
      });
    }
  }
  let mcnemar;
  const results = [];
  for (const gate of gates) {
    const targets = gate.slice ? slices.filter((slice) => matches(gate, slice)).map((slice) => ({ slice, metrics: slice.metrics })) : [{ metrics }];
    if (gate.slice && targets.length === 0) {
      results.push({
        metric: gate.metric,
        rule: gate.text,
        status: "failed",
        message: `no slice matches ${gate.text}`
      });
      continue;
    }
    for (const target of targets) {
      const where = target.slice ? `${target.slice.column}=${target.slice.value}` : void 0;
      const base = { metric: gate.metric, rule: gate.text, ...where ? { slice: where } : {} };
      if (gate.rule.kind === "mcnemar") {
        const verdict2 = mcnemarGate(gate.rule.alpha, paired, target.slice && sliceRows.get(target.slice));
        if (!target.slice && verdict2.test) mcnemar = verdict2.test;
        results.push({ ...base, status: verdict2.status, message: verdict2.message });
        continue;
      }
      const value = target.metrics[gate.metric];
      const verdict = checkMetricGate(gate, {
        candidate: value?.candidate,
        baseline: value?.baseline,
        interval: value?.ci ?? null,
        higherIsBetter: isMetricName(gate.metric) ? higherIsBetter(gate.metric) : true
      });
      results.push({
        ...base,
        status: verdict.status,
        message: where ? `${where}: ${verdict.message}` : verdict.message
      });
    }
  }
  const rows = candidate.kind === "predictions" ? candidate.predictions.rows : null;
  const columns = paired?.[0] ?? (candidate.kind === "predictions" ? candidate.predictions.columns : void 0);
  return {
    data: { digest: candidateDigest ?? null, rows, same },
    metrics,
    notes,
    slices,
    gates: results,
    ...columns?.task === "classification" ? { confusion: classificationMetrics(columns).confusion } : {},
    ...mcnemar ? { mcnemar } : {}
  };
}
function comparison(candidate, baseline, ci) {
  const c = candidate ?? null;
  const b = baseline ?? null;
  return { candidate: c, baseline: b, delta: c !== null && b !== null ? c - b : null, ci: ci ?? null };
}
function indexesOf(codes, code2) {
  let count2 = 0;
  for (const value of codes) if (value === code2) count2++;
  const rows = new Int32Array(count2);
  let at = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code2) rows[at++] = i;
  return rows;
}
function matches(gate, slice) {
  const selector = gate.slice;
  if (!selector) return false;
  if (selector.kind === "all") return true;
  if (selector.column !== slice.column) return false;
  return selector.kind === "column" || selector.value === slice.value;
}
function bootstrapIntervals([candidate, baseline], names, options, notes) {
  if (candidate.task !== "classification" || baseline.task !== "classification") return {};
  const scored = candidate.scores !== void 0 && baseline.scores !== void 0;
  const wanted = BOOTSTRAP_METRICS.filter(
    (name) => names.includes(name) && (scored || !SCORE_METRICS.includes(name))
  );
  const positive = candidate.positive ?? (candidate.classes.length === 2 ? 1 : void 0);
  const binary = [...BINARY_METRICS, ...SCORE_METRICS];
  const metrics = wanted.filter((name) => positive !== void 0 || !binary.includes(name));
  const result = pairedBootstrap({
    labels: candidate.labels,
    classCount: candidate.classes.length,
    ...positive === void 0 ? {} : { positive },
    candidate: { predictions: candidate.predictions, ...scored ? { scores: candidate.scores } : {} },
    baseline: { predictions: baseline.predictions, ...scored ? { scores: baseline.scores } : {} },
    metrics,
    resamples: options.resamples,
    confidence: options.confidence,
    ...options.seed === void 0 ? {} : { seed: options.seed }
  });
  const intervals = {};
  for (const [name, interval2] of Object.entries(result)) {
    if (interval2.lo === null) notes[`${name} interval`] ??= interval2.reason;
    else intervals[name] = [interval2.lo, interval2.hi];
  }
  return intervals;
}
function mcnemarGate(alpha, paired, rows) {
  if (paired?.[0].task !== "classification" || paired[1].task !== "classification")
    return {
      status: "failed",
      message: "McNemar needs classification predictions of the same rows on both sides"
    };
  const [a, b] = paired;
  let onlyCandidate = 0;
  let onlyBaseline = 0;
  const count2 = rows ? rows.length : a.labels.length;
  for (let r = 0; r < count2; r++) {
    const i = rows ? rows[r] : r;
    const right = a.predictions[i] === a.labels[i];
    const theirs = b.predictions[i] === b.labels[i];
    if (right && !theirs) onlyCandidate++;
    else if (!right && theirs) onlyBaseline++;
  }
  const test = mcnemarTest(onlyCandidate, onlyBaseline);
  const summary = `${onlyCandidate} rows right only for the candidate, ${onlyBaseline} only for the baseline, p = ${test.pValue.toPrecision(3)} (${test.method})`;
  const worse = onlyBaseline > onlyCandidate && test.pValue < alpha;
  return {
    status: worse ? "failed" : "passed",
    message: worse ? `the candidate makes significantly more errors: ${summary}` : summary,
    test: { b: onlyCandidate, c: onlyBaseline, pValue: test.pValue, method: test.method }
  };
}

// packages/core/src/steps/evaluate/input.ts
var evaluationTasks = ["auto", "classification", "regression"];
var evaluateInput = object({
  candidate: string().min(1).describe(
    "The candidate model's evaluation: a predictions file (CSV, Parquet, JSON Lines) or a metrics JSON."
  ),
  baseline: string().min(1).optional().describe(
    "What to compare with: a predictions file or metrics JSON, or registry:NAME@VERSION (the evaluation stored on that model version by attach-to)."
  ),
  labelColumn: string().min(1).default("label").describe("Column of the true labels (or values) in predictions files."),
  predictionColumn: string().min(1).default("prediction").describe("Column of the predicted labels (or values) in predictions files."),
  scoreColumn: string().min(1).optional().describe(
    "Column of the probability of the positive class, for roc_auc, average_precision and log_loss."
  ),
  positiveLabel: string().min(1).optional().describe(
    "The positive class of a binary task; by default the greater of the two labels, as scikit-learn takes it."
  ),
  sliceColumn: array(string().min(1)).default([]).describe("Columns to slice the metrics by (each value of each column is a slice)."),
  task: _enum(evaluationTasks).default("auto").describe(
    "classification or regression; auto takes classification unless the labels are non-integer numbers."
  ),
  gate: array(string().min(1)).default([]).describe(
    "Gates: METRIC>=V, METRIC<=V, METRIC:max_drop=V, METRIC:max_drop_pct=P, METRIC:non_inferior=MARGIN, mcnemar:alpha=A, each optionally @SLICE."
  ),
  resamples: number().int().min(100).default(1e3).describe("Paired bootstrap resamples for the intervals."),
  confidence: number().gt(0).lt(1).default(0.95).describe("Confidence level of the bootstrap intervals."),
  seed: number().int().min(0).max(2 ** 32 - 1).optional().describe(
    "Seed of the bootstrap (an unsigned 32-bit integer); by default a fixed one, so a rerun gives the same intervals."
  ),
  allowDifferentData: boolean().default(false).describe(
    "Compare even when candidate and baseline were evaluated on different data (the report says so)."
  ),
  attachTo: string().regex(/^[^@\s]+@[^@\s]+$/, "expected NAME@VERSION").optional().describe(
    "Store this evaluation on the model version NAME@VERSION of the registry, as evidence for promote."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe("Model registry for attach-to and registry: baselines: file:DIR, or oci://HOST[:PORT]/PREFIX."),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
});

// packages/core/src/steps/evaluate/metrics-file.ts
import { readFile as readFile2 } from "node:fs/promises";
import { resolve as resolve2 } from "node:path";
var digestPattern = /^sha256:[0-9a-f]{64}$/;
async function readMetricsFile(file, cwd) {
  let text;
  try {
    text = await readFile2(resolve2(cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read (${error.code ?? "error"})`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const nan = /\b(NaN|-?Infinity)\b/.exec(text);
    throw new InputError(
      nan ? `${file}: a metric is ${nan[1]}, which is not a number JSON can hold: fix the metric before the gate` : `${file}: invalid JSON: ${error.message}`
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InputError(`${file}: expected a JSON object of metrics`);
  const object2 = parsed;
  if (object2.step === "evaluate" && typeof object2.metrics === "object" && object2.metrics !== null) {
    const metrics2 = {};
    for (const [name, comparison2] of Object.entries(
      object2.metrics
    )) {
      if (comparison2?.candidate === null || comparison2?.candidate === void 0) continue;
      metrics2[name] = checked(file, name, comparison2.candidate);
    }
    const digest2 = object2.data?.digest;
    return {
      file,
      metrics: metrics2,
      ...typeof digest2 === "string" && digestPattern.test(digest2) ? { dataDigest: digest2 } : {}
    };
  }
  const wrapped = typeof object2.metrics === "object" && object2.metrics !== null && !Array.isArray(object2.metrics);
  const metrics = flatten(file, wrapped ? object2.metrics : object2, "");
  const digest = wrapped ? object2.data_digest : void 0;
  if (digest !== void 0 && (typeof digest !== "string" || !digestPattern.test(digest)))
    throw new InputError(`${file}: data_digest must be sha256:<64 hex digits>`);
  return { file, metrics, ...typeof digest === "string" ? { dataDigest: digest } : {} };
}
function checked(file, name, value) {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new InputError(`${file}: metric '${name}' is ${JSON.stringify(value)}, not a finite number`);
  return value;
}
function flatten(file, object2, prefix) {
  const metrics = {};
  for (const [key, value] of Object.entries(object2)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      Object.assign(metrics, flatten(file, value, name));
    else metrics[name] = checked(file, name, value);
  }
  return metrics;
}

// packages/core/src/steps/evaluate/predictions.ts
import { createHash } from "node:crypto";
import { resolve as resolve3 } from "node:path";

// packages/core/src/steps/validate-data/data.ts
import { mkdtemp, rm as rm2, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join as join3 } from "node:path";

// packages/core/src/steps/validate-data/csv-diagnosis.ts
import { closeSync, openSync, readSync } from "node:fs";
function diagnoseCsv(path, delimiter) {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    const quote = 34;
    const separator = delimiter.charCodeAt(0);
    let line = 1;
    let recordLine = 1;
    let fields = 1;
    let expected;
    let inQuotes = false;
    let quoteOpenedAt = 0;
    let pendingQuote = false;
    let atRecordStart = true;
    let previousCR = false;
    const endRecord = () => {
      if (expected === void 0) expected = fields;
      else if (fields !== expected) {
        return { line: recordLine, problem: `${fields} fields where the header has ${expected}` };
      }
      fields = 1;
      atRecordStart = true;
      return void 0;
    };
    for (; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        if (pendingQuote) {
          pendingQuote = false;
          if (byte === quote) continue;
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === quote) pendingQuote = true;
          else if (byte === 10) line++;
          continue;
        }
        if (byte === 10) {
          const blank = atRecordStart && fields === 1;
          if (!blank) {
            const problem = endRecord();
            if (problem) return problem;
          }
          line++;
          recordLine = line;
          previousCR = false;
          continue;
        }
        if (previousCR) previousCR = false;
        if (byte === 13) {
          previousCR = true;
          continue;
        }
        atRecordStart = false;
        if (byte === separator) fields++;
        else if (byte === quote) {
          inQuotes = true;
          quoteOpenedAt = line;
        }
      }
    }
    if (inQuotes && !pendingQuote)
      return { line: quoteOpenedAt, problem: "a quote opened here is never closed" };
    if (!atRecordStart) return endRecord();
    return void 0;
  } finally {
    closeSync(fd);
  }
}

// packages/core/src/steps/validate-data/duckdb.ts
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
import { pathToFileURL } from "node:url";
var duckdbVersion = "1.5.6-r.1";
var loading;
function loadDuckDB(logger) {
  loading ??= importDuckDB(logger).catch((error) => {
    loading = void 0;
    throw error;
  });
  return loading;
}
function duckdbCacheDir() {
  return join2(process.env.MLCI_TOOL_CACHE ?? join2(homedir(), ".cache"), "mlci", `duckdb-${duckdbVersion}`);
}
async function importDuckDB(logger) {
  try {
    return moduleOf(await import("@duckdb/node-api"));
  } catch (error) {
    logger.debug(`@duckdb/node-api is not loadable from node_modules (${firstLine(error)})`);
  }
  const dir = duckdbCacheDir();
  const resolveFrom = (root) => createRequire(join2(root, "package.json")).resolve("@duckdb/node-api");
  if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json")))
    await install(dir, logger);
  try {
    return moduleOf(await import(pathToFileURL(resolveFrom(dir)).href));
  } catch (error) {
    throw new ServiceError(`cannot load @duckdb/node-api@${duckdbVersion} from ${dir}: ${firstLine(error)}`);
  }
}
function moduleOf(loaded) {
  const namespace = loaded;
  return namespace.DuckDBInstance ? namespace : namespace.default;
}
async function install(dir, logger) {
  const staging = `${dir}.partial-${randomBytes(4).toString("hex")}`;
  logger.info(`installing @duckdb/node-api@${duckdbVersion} into ${dir} (once per machine)`);
  try {
    await mkdir(staging, { recursive: true });
    await runNpm([
      "install",
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefix",
      staging,
      `@duckdb/node-api@${duckdbVersion}`
    ]);
    await rename(staging, dir).catch(async (error) => {
      if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json"))) throw error;
    });
    logger.info(`installed @duckdb/node-api@${duckdbVersion}`);
  } catch (error) {
    throw new ServiceError(
      `cannot install @duckdb/node-api@${duckdbVersion} into ${dir}: ${firstLine(error)}`
    );
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => {
    });
  }
}
function runNpm(args) {
  const windows = process.platform === "win32";
  return new Promise((resolve10, reject) => {
    execFile(
      windows ? "npm.cmd" : "npm",
      args,
      { shell: windows, timeout: 10 * 6e4, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => {
        if (!error) return resolve10();
        const npmError = stderr.split("\n").find((line) => line.startsWith("npm error") || line.startsWith("npm ERR"));
        reject(new Error(npmError ?? firstLine(error)));
      }
    );
  });
}

// packages/core/src/steps/validate-data/data.ts
var formatsByExtension = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet"
};
var formatLabels = {
  csv: "CSV",
  tsv: "TSV",
  jsonl: "JSON Lines",
  parquet: "Parquet"
};
function formatOf(file, explicit) {
  if (explicit) return explicit;
  const format2 = formatsByExtension[extname(file).toLowerCase()];
  if (!format2) {
    throw new InputError(
      `${file}: unknown data format (expected .csv, .tsv, .jsonl, .ndjson or .parquet, or give --format)`
    );
  }
  return format2;
}
var relations = { data: "mlci_data", reference: "mlci_reference", test: "mlci_test" };
function quoteIdentifier(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
function quoteText(text) {
  return `'${text.replace(/'/g, "''")}'`;
}
var SampleTooSmall = class extends Error {
  constructor(message, file) {
    super(message);
    this.file = file;
  }
  file;
};
function withData(options, work) {
  return withDatasets([options], options.logger, ([table2]) => work(table2), options.progress);
}
async function withDatasets(sources, logger, work, progress) {
  const names = new Set(sources.map((source) => source.relation ?? relations.data));
  if (names.size !== sources.length) throw new Error("withDatasets: two sources with one relation name");
  for (const source of sources) await checkReadable(source);
  const duckdb = await loadDuckDB(logger);
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const spill = await mkdtemp(join3(tmpdir(), "mlci-duckdb-"));
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET TimeZone = 'UTC'`);
      await connection.run(`SET temp_directory = ${quoteText(spill)}`);
      if (progress)
        await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
      const label = `scanning ${sources.map((source) => source.file).join(", ")}`;
      const tracked = async (query) => {
        if (!progress) return query;
        const timer = setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage > 0) progress.update(label, Math.min(percentage, 100) / 100);
        }, 500);
        try {
          return await query;
        } finally {
          clearInterval(timer);
          progress.done();
        }
      };
      const open = async (options, wholeFile) => {
        const relation = options.relation ?? relations.data;
        const run3 = async (sql) => {
          try {
            const reader2 = await tracked(connection.runAndReadAll(sql));
            return reader2.getRowObjectsJS();
          } catch (error) {
            throw readError(error, options, wholeFile);
          }
        };
        const described = await run3(`DESCRIBE SELECT * FROM ${reader(options, wholeFile, [])}`);
        const columns = described.map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type)
        }));
        const present = new Set(columns.map((column) => column.name));
        const textColumns = (options.textColumns ?? []).filter((name) => present.has(name));
        await run3(
          `CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * FROM ${reader(options, wholeFile, textColumns)}`
        );
        const text = new Set(textColumns);
        return {
          relation,
          file: options.file,
          format: options.format,
          columns: columns.map((column) => text.has(column.name) ? { ...column, type: "VARCHAR" } : column),
          query: run3,
          readColumns: async (sql) => {
            try {
              return (await tracked(connection.runAndReadAll(sql))).getColumnsObjectJS();
            } catch (error) {
              throw readError(error, options, wholeFile);
            }
          },
          evaluate: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS()
        };
      };
      const attempt = async (wholeFile) => {
        const tables = [];
        for (const source of sources) tables.push(await open(source, wholeFile));
        return work(tables);
      };
      try {
        return await attempt(false);
      } catch (error) {
        if (!(error instanceof SampleTooSmall)) throw error;
        logger.info(
          `${error.file}: a value late in the file does not fit the sniffed types; reading again with types from the whole file`
        );
        return await attempt(true);
      }
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    await rm2(spill, { recursive: true, force: true });
  }
}
async function checkReadable({ path, file, format: format2 }) {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (error.code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(
      `${file}: cannot read (${error.code ?? firstLine(error)})`
    );
  }
  if (!info.isFile()) throw new InputError(`${file}: not a file`);
  if (info.size === 0)
    throw new InputError(`${file}: cannot read as ${formatLabels[format2]}: the file is empty`);
}
function reader(options, wholeFile, textColumns) {
  const path = quoteText(options.path);
  const sample = wholeFile ? ", sample_size = -1" : "";
  switch (options.format) {
    case "csv":
    case "tsv": {
      const delimiter = options.format === "tsv" ? `'	'` : `','`;
      const types = textColumns.length > 0 ? `, types = {${textColumns.map((name) => `${quoteText(name)}: 'VARCHAR'`).join(", ")}}` : "";
      return `read_csv(${path}, header = true, delim = ${delimiter}, quote = '"', escape = '"', skip = 0, strict_mode = true${sample}${types})`;
    }
    case "jsonl":
      return `read_json(${path}, format = 'newline_delimited'${sample})`;
    case "parquet":
      return `read_parquet(${path})`;
  }
}
function readError(error, options, wholeFile) {
  const message = String(error?.message ?? error);
  const kind = /^([A-Za-z ]+) Error: /.exec(message)?.[1];
  if (kind === "Conversion" && !wholeFile && options.format !== "parquet")
    return new SampleTooSmall(message, options.file);
  if (kind !== "Conversion" && kind !== "Invalid Input" && kind !== "IO") return error;
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("LINE "));
  let detail2 = (lines[0] ?? message).replace(/^[A-Za-z ]+ Error: /, "");
  let where = "";
  const csvLine = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (/not utf-8 encoded/i.test(message)) {
    where = csvLine ? `:${csvLine}` : "";
    detail2 = "the text is not UTF-8 (convert it first, e.g. `iconv -f latin1 -t utf-8`)";
  } else if (options.format === "csv" || options.format === "tsv") {
    const found = diagnoseCsv(options.path, options.format === "tsv" ? "	" : ",");
    if (found) {
      where = `:${found.line}`;
      detail2 = found.problem;
    } else if (/^Error when sniffing file/.test(detail2) && lines[1]) {
      detail2 = `${lines[1]} (does every row have as many fields as the header, and is every quote closed?)`;
    } else if (/^CSV Error on Line: \d+/.test(detail2) && lines.length > 1) {
      const reason = lines.find((line) => !/^(CSV Error on Line|Original Line|Possible fixes|\*)/.test(line));
      if (reason) detail2 = `${detail2}: ${reason}`;
    }
  }
  return new InputError(
    `${options.file}${where}: cannot read as ${formatLabels[options.format]}: ${detail2}`,
    {
      cause: error
    }
  );
}

// packages/core/src/steps/evaluate/predictions.ts
var numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;
var fractionalType = /^(FLOAT|DOUBLE|DECIMAL)/;
async function readPredictions(file, options) {
  const path = resolve3(options.cwd, file);
  return withData({ path, file, format: formatOf(file), logger: options.logger }, async (table2) => {
    const types = new Map(table2.columns.map((column) => [column.name, column.type]));
    const needed = [
      ["label-column", options.labelColumn],
      ["prediction-column", options.predictionColumn],
      ...options.scoreColumn ? [["score-column", options.scoreColumn]] : [],
      ...options.sliceColumns.map((column) => ["slice-column", column])
    ];
    for (const [option, column] of needed)
      if (!types.has(column))
        throw new InputError(
          `${file}: no column '${column}' (${option}); the file has ${table2.columns.map((c) => c.name).join(", ")}`
        );
    const labelType = types.get(options.labelColumn);
    const predictionType = types.get(options.predictionColumn);
    const select2 = needed.map(([, column], index) => `${quoteIdentifier(column)} AS c${index}`).join(", ");
    const read = await table2.readColumns(`SELECT ${select2} FROM ${table2.relation}`);
    const labels = read.c0 ?? [];
    const predictions = read.c1 ?? [];
    const rows = labels.length;
    if (rows === 0) throw new InputError(`${file}: no rows to evaluate`);
    const missing = (values, column) => {
      const at = values.findIndex((value) => value === null || value === void 0);
      if (at >= 0) throw new InputError(`${file}: row ${at + 1} has no value in '${column}'`);
    };
    missing(labels, options.labelColumn);
    missing(predictions, options.predictionColumn);
    const regression = options.task === "regression" || options.task === "auto" && fractionalType.test(labelType) && labels.some((value) => !Number.isInteger(Number(value)));
    let columns;
    if (regression) {
      for (const [column, type] of [
        [options.labelColumn, labelType],
        [options.predictionColumn, predictionType]
      ])
        if (!numericType.test(type))
          throw new InputError(`${file}: '${column}' holds ${type}, not numbers: a regression needs numbers`);
      columns = {
        task: "regression",
        actual: Float64Array.from(labels, Number),
        predicted: Float64Array.from(predictions, Number)
      };
    } else {
      const numeric = numericType.test(labelType);
      if (numeric !== numericType.test(predictionType))
        throw new InputError(
          `${file}: '${options.labelColumn}' holds ${labelType} and '${options.predictionColumn}' holds ${predictionType}: labels and predictions must be of one type`
        );
      const { values: classes, codes } = encode([labels, predictions], numeric);
      columns = {
        task: "classification",
        classes,
        labels: codes[0],
        predictions: codes[1]
      };
      if (options.positiveLabel !== void 0) {
        const at = classes.indexOf(options.positiveLabel);
        const positive = at < 0 ? void 0 : at;
        if (positive === void 0)
          throw new InputError(
            `positive-label: '${options.positiveLabel}' is not a label of ${file} (labels: ${classes.slice(0, 10).join(", ")})`
          );
        columns.positive = positive;
      }
      if (options.scoreColumn) {
        const scores = read.c2 ?? [];
        missing(scores, options.scoreColumn);
        const type = types.get(options.scoreColumn);
        if (!numericType.test(type))
          throw new InputError(`${file}: '${options.scoreColumn}' holds ${type}, not probabilities`);
        const values = Float64Array.from(scores, Number);
        const outside = values.findIndex((score) => !(score >= 0 && score <= 1));
        if (outside >= 0)
          throw new InputError(
            `${file}: row ${outside + 1}: score ${values[outside]} in '${options.scoreColumn}' is not a probability in [0, 1]`
          );
        columns.scores = values;
      }
    }
    const firstSlice = options.scoreColumn ? 3 : 2;
    const slices = options.sliceColumns.map((column, i) => {
      const { values, codes } = encode([read[`c${firstSlice + i}`] ?? []], false);
      return { column, values, codes: codes[0] };
    });
    const hash = createHash("sha256");
    const block = 65536;
    for (let start = 0; start < rows; start += block) {
      const lines = [];
      for (let i = start; i < Math.min(rows, start + block); i++) lines.push(String(labels[i]));
      hash.update(`${lines.join("\n")}
`);
    }
    return { file, rows, columns, slices, dataDigest: `sha256:${hash.digest("hex")}` };
  });
}
function encode(columns, numeric) {
  const distinct = /* @__PURE__ */ new Set();
  for (const column of columns) for (const value of column) distinct.add(value);
  const text = (value) => value === null || value === void 0 ? "(null)" : String(value);
  const sorted = [...distinct].sort(
    numeric ? (a, b) => Number(a) - Number(b) : (a, b) => Buffer.compare(Buffer.from(text(a)), Buffer.from(text(b)))
  );
  const values = [];
  const codeOfText = /* @__PURE__ */ new Map();
  const code2 = /* @__PURE__ */ new Map();
  for (const value of sorted) {
    const key = text(value);
    if (!codeOfText.has(key)) {
      codeOfText.set(key, values.length);
      values.push(key);
    }
    code2.set(value, codeOfText.get(key));
  }
  return {
    values,
    codes: columns.map((column) => Int32Array.from(column, (value) => code2.get(value)))
  };
}

// packages/core/src/report/markdown.ts
function cell(value) {
  if (value === void 0 || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}
function table(header, rows) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)
  ].join("\n");
}
function commentMarker(step) {
  return `<!-- mlci:${step} -->`;
}
function fitToLimit(markdown, limit, fullReportHint) {
  if (markdown.length <= limit) return markdown;
  const tail = `

\u2026 the report is cut here to fit the comment size limit. ${fullReportHint}
`;
  let room = limit - tail.length;
  for (; ; ) {
    const head = markdown.slice(0, Math.max(0, room));
    const { kept, closing } = closeOpenBlocks(head.slice(0, Math.max(head.lastIndexOf("\n"), 0)));
    const fitted = `${kept}${closing}${tail}`;
    if (fitted.length <= limit) return fitted;
    if (kept.length === 0) return tail.slice(0, limit);
    room = Math.min(room - 1, kept.length - (fitted.length - limit));
  }
}
function closeOpenBlocks(text) {
  let fence;
  let openDetails = 0;
  let offset = 0;
  for (const line of text.split("\n")) {
    const fenceLine = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence === void 0) {
      if (fenceLine) {
        fence = { marker: fenceLine[1], mermaid: fenceLine[2] === "mermaid", start: offset };
      } else {
        openDetails += (line.match(/<details[\s>]/g) ?? []).length;
        openDetails -= (line.match(/<\/details>/g) ?? []).length;
      }
    } else if (fenceLine && fenceLine[2] === "" && fenceLine[1]?.[0] === fence.marker[0] && (fenceLine[1]?.length ?? 0) >= fence.marker.length) {
      fence = void 0;
    }
    offset += line.length + 1;
  }
  let kept = text;
  let closing = "";
  if (fence?.mermaid) kept = text.slice(0, Math.max(0, fence.start - 1));
  else if (fence) closing += `
${fence.marker}`;
  closing += "\n</details>".repeat(Math.max(0, openDetails));
  return { kept, closing };
}

// packages/core/src/steps/evaluate/report.ts
var number3 = (value, digits = 4) => value === null || value === void 0 ? "\u2013" : Number(value.toFixed(digits)).toString();
var signed = (value) => value === null || value === void 0 ? "\u2013" : `${value > 0 ? "+" : ""}${number3(value)}`;
var interval = (ci) => ci ? `[${signed(ci[0])}, ${signed(ci[1])}]` : "\u2013";
function headlineOf(result) {
  const failed = result.gates.filter((gate) => gate.status === "failed");
  const total = result.gates.length;
  if (failed.length > 0)
    return `evaluate failed: ${failed.length} of ${total} gates failed; ${failed[0]?.message}`;
  return total === 0 ? `evaluate passed: ${Object.keys(result.metrics).length} metrics computed, no gates` : `evaluate passed: ${total} ${total === 1 ? "gate" : "gates"} passed`;
}
function deltaChart(metrics) {
  const entries = Object.entries(metrics).filter(([, m]) => m.delta !== null);
  if (entries.length === 0) return "";
  const deltas = entries.map(([, m]) => Number(m.delta.toFixed(6)));
  const bound2 = Math.max(0.01, ...deltas.map(Math.abs));
  const top = Math.ceil(bound2 * 100) / 100;
  return [
    "```mermaid",
    "xychart-beta",
    '  title "candidate \u2212 baseline"',
    `  x-axis [${entries.map(([name]) => `"${name}"`).join(", ")}]`,
    `  y-axis "delta" ${-top} --> ${top}`,
    `  bar [${deltas.join(", ")}]`,
    "```"
  ].join("\n");
}
function renderReport(result) {
  const failed = result.gates.filter((gate) => gate.status === "failed");
  const passed = result.gates.filter((gate) => gate.status === "passed");
  const lines = [`## ${failed.length > 0 ? "\u274C" : "\u2705"} ${headlineOf(result)}`, ""];
  if (result.data.same === false)
    lines.push("> \u26A0\uFE0F The candidate and the baseline were evaluated on different data.", "");
  if (failed.length > 0)
    lines.push(
      "### Failed gates",
      "",
      table(
        ["gate", "slice", "why"],
        failed.map((gate) => [gate.rule, gate.slice ?? "all rows", gate.message])
      ),
      ""
    );
  const gateStatus = (metric) => {
    const mine = result.gates.filter((gate) => gate.metric === metric && !gate.slice);
    if (mine.length === 0) return "";
    return mine.some((gate) => gate.status === "failed") ? "\u274C" : "\u2705";
  };
  lines.push(
    "### Metrics",
    "",
    table(
      [
        "metric",
        "candidate",
        "baseline",
        "delta",
        `${Math.round(result.bootstrap.confidence * 100)}% interval of the delta`,
        "gate"
      ],
      Object.entries(result.metrics).map(([name, m]) => [
        name,
        number3(m.candidate),
        number3(m.baseline),
        signed(m.delta),
        interval(m.ci),
        gateStatus(name)
      ])
    ),
    ""
  );
  const worse = result.slices.flatMap(
    (slice) => Object.entries(slice.metrics).filter(([, m]) => m.delta !== null).map(([name, m]) => ({ slice, name, m }))
  ).sort((a, b) => a.m.delta - b.m.delta);
  if (result.slices.length > 0) {
    const shown = worse.length > 0 ? worse.slice(0, 20) : [];
    lines.push(
      "### Slices, worst first",
      "",
      shown.length > 0 ? table(
        ["slice", "rows", "metric", "candidate", "baseline", "delta"],
        shown.map(({ slice, name, m }) => [
          `${slice.column}=${slice.value}`,
          slice.rows,
          name,
          number3(m.candidate),
          number3(m.baseline),
          signed(m.delta)
        ])
      ) : table(
        ["slice", "rows", "accuracy"],
        result.slices.map((slice) => [
          `${slice.column}=${slice.value}`,
          slice.rows,
          number3(slice.metrics.accuracy?.candidate)
        ])
      ),
      ""
    );
  }
  if (passed.length > 0)
    lines.push(
      "<details><summary>Passed gates</summary>",
      "",
      table(
        ["gate", "slice", "result"],
        passed.map((gate) => [gate.rule, gate.slice ?? "all rows", gate.message])
      ),
      "",
      "</details>",
      ""
    );
  if (result.confusion) {
    const { classes, matrix } = result.confusion;
    lines.push(
      "<details><summary>Confusion matrix of the candidate (rows: true, columns: predicted)</summary>",
      "",
      table(
        ["", ...classes],
        matrix.map((row, i) => [classes[i], ...row])
      ),
      "",
      "</details>",
      ""
    );
  }
  const chart = deltaChart(result.metrics);
  if (chart) lines.push(chart, "");
  const notes = Object.entries(result.notes);
  if (notes.length > 0)
    lines.push(
      "<details><summary>Notes</summary>",
      "",
      ...notes.map(([name, note]) => `- ${name}: ${note}`),
      "",
      "</details>",
      ""
    );
  lines.push(
    `Evaluation data: \`${result.data.digest ?? "unknown"}\`${result.data.rows === null ? "" : ` (${result.data.rows} rows)`}; intervals from ${result.bootstrap.resamples} paired bootstrap resamples, seed ${result.bootstrap.seed}.`,
    ""
  );
  return lines.join("\n");
}
function metricsText(result) {
  const lines = [];
  for (const [name, m] of Object.entries(result.metrics)) {
    if (m.candidate !== null) lines.push(`${name} ${m.candidate}`);
    if (m.delta !== null) lines.push(`${name}_delta ${m.delta}`);
  }
  return `${lines.join("\n")}
`;
}

// packages/core/src/steps/evaluate/index.ts
var evaluateStep = defineStep({
  name: "evaluate",
  summary: "Compare the candidate model with the baseline on the same data: metrics, intervals, slices, gates.",
  input: evaluateInput,
  outputs: {
    "gates-failed": "How many gates failed.",
    "data-digest": "Digest of the evaluation data (the true labels in row order).",
    metrics: "The candidate's metrics as JSON (name -> value)."
  },
  run: runEvaluate
});
var evaluationMediaType = "application/vnd.mlci.evaluation.v1+json";
var predictionsMediaTypes = {
  ".csv": "text/csv",
  ".tsv": "text/tab-separated-values",
  ".jsonl": "application/x-ndjson",
  ".ndjson": "application/x-ndjson",
  ".parquet": "application/vnd.apache.parquet"
};
var fileNameAnnotation = "dev.mlci.file.name";
function backendOf(input, environment) {
  return {
    cwd: environment.cwd,
    env: process.env,
    logger: environment.logger,
    insecure: input.insecureRegistry
  };
}
function splitModelVersion(text, option) {
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) throw new InputError(`${option}: '${text}': expected NAME@VERSION`);
  return { model: text.slice(0, at), version: text.slice(at + 1) };
}
async function readRegistrySide(source, input, environment) {
  const { model, version } = splitModelVersion(source.slice("registry:".length), "baseline");
  const { openRegistry } = await import("./open-YPQVVVLF.mjs");
  const registry = await openRegistry(input.registry, backendOf(input, environment));
  const found = await registry.getVersion(model, version);
  const latest = (kind) => found.attachments.filter((a) => a.kind === kind).at(-1);
  const predictions = latest("predictions");
  const evaluation = latest("evaluation");
  if (!predictions && !evaluation)
    throw new InputError(
      `baseline: ${model} version ${version} in ${registry.uri} has no evaluation (evaluate it with attach-to ${model}@${version})`
    );
  const scratch = await mkdtemp2(join4(tmpdir2(), "mlci-baseline-"));
  try {
    const attachment = predictions ?? evaluation;
    const file = join4(scratch, basename(attachment.annotations[fileNameAnnotation] ?? "evaluate.json"));
    await writeFileAtomic(file, await registry.readAttachment(model, version, attachment));
    return await readSide(file, input, environment);
  } finally {
    await rm3(scratch, { recursive: true, force: true });
  }
}
async function readSide(source, input, environment) {
  if (extname2(source).toLowerCase() === ".json")
    return { kind: "metrics", metrics: await readMetricsFile(source, environment.cwd) };
  return {
    kind: "predictions",
    predictions: await readPredictions(source, {
      cwd: environment.cwd,
      labelColumn: input.labelColumn,
      predictionColumn: input.predictionColumn,
      ...input.scoreColumn ? { scoreColumn: input.scoreColumn } : {},
      sliceColumns: input.sliceColumn,
      task: input.task,
      ...input.positiveLabel ? { positiveLabel: input.positiveLabel } : {},
      logger: environment.logger
    })
  };
}
async function attachEvaluation(input, environment, result, json) {
  const { model, version } = splitModelVersion(input.attachTo, "attach-to");
  const { openRegistry } = await import("./open-YPQVVVLF.mjs");
  const registry = await openRegistry(input.registry, backendOf(input, environment));
  const annotations = {
    "dev.mlci.evaluation.status": result.status,
    ...result.data.digest ? { "dev.mlci.data.digest": result.data.digest } : {}
  };
  await registry.attach(model, version, {
    kind: "evaluation",
    mediaType: evaluationMediaType,
    content: Buffer.from(json),
    annotations
  });
  const type = predictionsMediaTypes[extname2(input.candidate).toLowerCase()];
  if (result.candidate.kind === "predictions" && type)
    await registry.attach(model, version, {
      kind: "predictions",
      mediaType: type,
      content: await readFile3(resolve4(environment.cwd, input.candidate)),
      annotations: { ...annotations, [fileNameAnnotation]: basename(input.candidate) }
    });
  return `${model} version ${version} in ${registry.uri}`;
}
function gatesOf(input, candidate) {
  const known = new Set(
    candidate.kind === "metrics" ? Object.keys(candidate.metrics.metrics) : METRIC_NAMES[candidate.predictions.columns.task]
  );
  return input.gate.map((text) => parseGate(text, (name) => known.has(name)));
}
async function runEvaluate(input, environment) {
  const outDir = resolve4(environment.cwd, input.out);
  const candidate = await readSide(input.candidate, input, environment);
  const gates = gatesOf(input, candidate);
  const baseline = input.baseline === void 0 ? void 0 : input.baseline.startsWith("registry:") ? await readRegistrySide(input.baseline, input, environment) : await readSide(input.baseline, input, environment);
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const comparison2 = compare(candidate, baseline, gates, {
    resamples: input.resamples,
    confidence: input.confidence,
    seed,
    allowDifferentData: input.allowDifferentData
  });
  const checks = comparison2.gates.map((gate) => ({
    name: gate.rule,
    ...gate.slice ? { column: gate.slice } : {},
    status: gate.status,
    severity: "error",
    message: gate.message
  }));
  const kind = (side) => side.kind;
  const result = {
    step: "evaluate",
    status: statusOf(checks),
    checks,
    candidate: { source: input.candidate, kind: kind(candidate) },
    baseline: baseline && input.baseline ? { source: input.baseline, kind: kind(baseline) } : null,
    data: comparison2.data,
    metrics: comparison2.metrics,
    gates: comparison2.gates,
    slices: comparison2.slices,
    ...comparison2.confusion ? { confusion: comparison2.confusion } : {},
    ...comparison2.mcnemar ? { mcnemar: comparison2.mcnemar } : {},
    notes: comparison2.notes,
    bootstrap: { resamples: input.resamples, confidence: input.confidence, seed }
  };
  if (input.attachTo !== void 0) {
    const where = await attachEvaluation(input, environment, result, `${JSON.stringify(result, null, 2)}
`);
    environment.logger.info(`evaluation attached to ${where}`);
    result.attachedTo = where;
  }
  const markdown = renderReport(result);
  const files = await writeStepReports(outDir, result, markdown);
  await writeFileAtomic(join4(outDir, "metrics.txt"), metricsText(result));
  const values = Object.fromEntries(Object.entries(result.metrics).map(([name, m]) => [name, m.candidate]));
  return {
    result,
    headline: headlineOf(result),
    markdown,
    outputs: {
      "gates-failed": String(result.gates.filter((gate) => gate.status === "failed").length),
      "data-digest": result.data.digest ?? "",
      metrics: JSON.stringify(values)
    },
    files
  };
}

// packages/core/src/steps/train/index.ts
import { randomUUID } from "node:crypto";
import { existsSync as existsSync3 } from "node:fs";
import { mkdir as mkdir2, readFile as readFile5, rename as rename2, rm as rm4 } from "node:fs/promises";
import { isAbsolute as isAbsolute3, join as join6, relative as relative3, resolve as resolve8, sep as sep3 } from "node:path";

// packages/core/src/io/fingerprint.ts
import { lstat, readdir as readdir2, readFile as readFile4, realpath as realpath2, stat as stat3 } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname as dirname2, isAbsolute as isAbsolute2, relative as relative2, resolve as resolve7, sep as sep2 } from "node:path";
import { Worker } from "node:worker_threads";

// node_modules/tinyglobby/dist/index.mjs
import { readdir, readdirSync, realpath, realpathSync, stat as stat2, statSync } from "fs";
import { isAbsolute, posix, resolve as resolve6 } from "path";
import { fileURLToPath } from "url";

// node_modules/fdir/dist/index.mjs
import { createRequire as createRequire2 } from "module";
import { basename as basename2, dirname, normalize, relative, resolve as resolve5, sep } from "path";
import * as nativeFs from "fs";
var __require = /* @__PURE__ */ createRequire2(import.meta.url);
function cleanPath(path) {
  let normalized = normalize(path);
  if (normalized.length > 1 && normalized[normalized.length - 1] === sep) normalized = normalized.substring(0, normalized.length - 1);
  return normalized;
}
var SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
  return path.replace(SLASHES_REGEX, separator);
}
var WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
  return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
  const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
  const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
  if (resolvePaths) path = resolve5(path);
  if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
  if (path === ".") return "";
  const needsSeperator = path[path.length - 1] !== pathSeparator;
  return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}
function joinPathWithBasePath(filename, directoryPath) {
  return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
  return function(filename, directoryPath) {
    const sameRoot = directoryPath.startsWith(root);
    if (sameRoot) return directoryPath.slice(root.length) + filename;
    else return convertSlashes(relative(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
  };
}
function joinPath(filename) {
  return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
  return directoryPath + filename + separator;
}
function build$7(root, options) {
  const { relativePaths, includeBasePath } = options;
  return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}
function pushDirectoryWithRelativePath(root) {
  return function(directoryPath, paths) {
    paths.push(directoryPath.substring(root.length) || ".");
  };
}
function pushDirectoryFilterWithRelativePath(root) {
  return function(directoryPath, paths, filters) {
    const relativePath = directoryPath.substring(root.length) || ".";
    if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
  };
}
var pushDirectory = (directoryPath, paths) => {
  paths.push(directoryPath || ".");
};
var pushDirectoryFilter = (directoryPath, paths, filters) => {
  const path = directoryPath || ".";
  if (filters.every((filter) => filter(path, true))) paths.push(path);
};
var empty$2 = () => {
};
function build$6(root, options) {
  const { includeDirs, filters, relativePaths } = options;
  if (!includeDirs) return empty$2;
  if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
  return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}
var pushFileFilterAndCount = (filename, _paths, counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) counts.files++;
};
var pushFileFilter = (filename, paths, _counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
var pushFileCount = (_filename, _paths, counts, _filters) => {
  counts.files++;
};
var pushFile = (filename, paths) => {
  paths.push(filename);
};
var empty$1 = () => {
};
function build$5(options) {
  const { excludeFiles, filters, onlyCounts } = options;
  if (excludeFiles) return empty$1;
  if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
  else if (onlyCounts) return pushFileCount;
  else return pushFile;
}
var getArray = (paths) => {
  return paths;
};
var getArrayGroup = () => {
  return [""].slice(0, 0);
};
function build$4(options) {
  return options.group ? getArrayGroup : getArray;
}
var groupFiles = (groups, directory, files) => {
  groups.push({
    directory,
    files,
    dir: directory
  });
};
var empty = () => {
};
function build$3(options) {
  return options.group ? groupFiles : empty;
}
var resolveSymlinksAsync = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  fs.realpath(path, (error, resolvedPath) => {
    if (error) return queue.dequeue(suppressErrors ? null : error, state);
    fs.stat(resolvedPath, (error$1, stat4) => {
      if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
      if (stat4.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
      callback$1(stat4, resolvedPath);
      queue.dequeue(null, state);
    });
  });
};
var resolveSymlinks = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  try {
    const resolvedPath = fs.realpathSync(path);
    const stat4 = fs.statSync(resolvedPath);
    if (stat4.isDirectory() && isRecursive(path, resolvedPath, state)) return;
    callback$1(stat4, resolvedPath);
  } catch (e) {
    if (!suppressErrors) throw e;
  }
};
function build$2(options, isSynchronous) {
  if (!options.resolveSymlinks || options.excludeSymlinks) return null;
  return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
  if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
  let parent = dirname(path);
  let depth = 1;
  while (parent !== state.root && depth < 2) {
    const resolvedPath = state.symlinks.get(parent);
    const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
    if (isSameRoot) depth++;
    else parent = dirname(parent);
  }
  state.symlinks.set(path, resolved);
  return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
  return state.visited.includes(resolved + state.options.pathSeparator);
}
var onlyCountsSync = (state) => {
  return state.counts;
};
var groupsSync = (state) => {
  return state.groups;
};
var defaultSync = (state) => {
  return state.paths;
};
var limitFilesSync = (state) => {
  return state.paths.slice(0, state.options.maxFiles);
};
var onlyCountsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.counts, state.options.suppressErrors);
  return null;
};
var defaultAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths, state.options.suppressErrors);
  return null;
};
var limitFilesAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
  return null;
};
var groupsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.groups, state.options.suppressErrors);
  return null;
};
function report(error, callback$1, output, suppressErrors) {
  if (error && !suppressErrors) callback$1(error, output);
  else callback$1(null, output);
}
function build$1(options, isSynchronous) {
  const { onlyCounts, group, maxFiles } = options;
  if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
  else if (group) return isSynchronous ? groupsSync : groupsAsync;
  else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
  else return isSynchronous ? defaultSync : defaultAsync;
}
var readdirOpts = { withFileTypes: true };
var walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  state.queue.enqueue();
  if (currentDepth < 0) return state.queue.dequeue(null, state);
  const { fs } = state;
  state.visited.push(crawlPath);
  state.counts.directories++;
  fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
    callback$1(entries, directoryPath, currentDepth);
    state.queue.dequeue(state.options.suppressErrors ? null : error, state);
  });
};
var walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  const { fs } = state;
  if (currentDepth < 0) return;
  state.visited.push(crawlPath);
  state.counts.directories++;
  let entries = [];
  try {
    entries = fs.readdirSync(crawlPath || ".", readdirOpts);
  } catch (e) {
    if (!state.options.suppressErrors) throw e;
  }
  callback$1(entries, directoryPath, currentDepth);
};
function build(isSynchronous) {
  return isSynchronous ? walkSync : walkAsync;
}
var Queue = class {
  count = 0;
  constructor(onQueueEmpty) {
    this.onQueueEmpty = onQueueEmpty;
  }
  enqueue() {
    this.count++;
    return this.count;
  }
  dequeue(error, output) {
    if (this.onQueueEmpty && (--this.count <= 0 || error)) {
      this.onQueueEmpty(error, output);
      if (error) {
        output.controller.abort();
        this.onQueueEmpty = void 0;
      }
    }
  }
};
var Counter = class {
  _files = 0;
  _directories = 0;
  set files(num) {
    this._files = num;
  }
  get files() {
    return this._files;
  }
  set directories(num) {
    this._directories = num;
  }
  get directories() {
    return this._directories;
  }
  /**
  * @deprecated use `directories` instead
  */
  /* c8 ignore next 3 */
  get dirs() {
    return this._directories;
  }
};
var Aborter = class {
  aborted = false;
  abort() {
    this.aborted = true;
  }
};
var Walker = class {
  root;
  isSynchronous;
  state;
  joinPath;
  pushDirectory;
  pushFile;
  getArray;
  groupFiles;
  resolveSymlink;
  walkDirectory;
  callbackInvoker;
  constructor(root, options, callback$1) {
    this.isSynchronous = !callback$1;
    this.callbackInvoker = build$1(options, this.isSynchronous);
    this.root = normalizePath(root, options);
    this.state = {
      root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
      paths: [""].slice(0, 0),
      groups: [],
      counts: new Counter(),
      options,
      queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
      symlinks: /* @__PURE__ */ new Map(),
      visited: [""].slice(0, 0),
      controller: new Aborter(),
      fs: options.fs || nativeFs
    };
    this.joinPath = build$7(this.root, options);
    this.pushDirectory = build$6(this.root, options);
    this.pushFile = build$5(options);
    this.getArray = build$4(options);
    this.groupFiles = build$3(options);
    this.resolveSymlink = build$2(options, this.isSynchronous);
    this.walkDirectory = build(this.isSynchronous);
  }
  start() {
    this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
    this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
    return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
  }
  walk = (entries, directoryPath, depth) => {
    const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
    if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
    const files = this.getArray(this.state.paths);
    for (let i = 0; i < entries.length; ++i) {
      const entry = entries[i];
      if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
        const filename = this.joinPath(entry.name, directoryPath);
        this.pushFile(filename, files, this.state.counts, filters);
      } else if (entry.isDirectory()) {
        let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
        if (exclude && exclude(entry.name, path)) continue;
        this.pushDirectory(path, paths, filters);
        this.walkDirectory(this.state, path, path, depth - 1, this.walk);
      } else if (this.resolveSymlink && entry.isSymbolicLink()) {
        let path = joinPathWithBasePath(entry.name, directoryPath);
        this.resolveSymlink(path, this.state, (stat4, resolvedPath) => {
          if (stat4.isDirectory()) {
            resolvedPath = normalizePath(resolvedPath, this.state.options);
            if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
            this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
          } else {
            resolvedPath = useRealPaths ? resolvedPath : path;
            const filename = basename2(resolvedPath);
            const directoryPath$1 = normalizePath(dirname(resolvedPath), this.state.options);
            resolvedPath = this.joinPath(filename, directoryPath$1);
            this.pushFile(resolvedPath, files, this.state.counts, filters);
          }
        });
      }
    }
    this.groupFiles(this.state.groups, directoryPath, files);
  };
};
function promise(root, options) {
  return new Promise((resolve$1, reject) => {
    callback(root, options, (err, output) => {
      if (err) return reject(err);
      resolve$1(output);
    });
  });
}
function callback(root, options, callback$1) {
  let walker = new Walker(root, options, callback$1);
  walker.start();
}
function sync(root, options) {
  const walker = new Walker(root, options);
  return walker.start();
}
var APIBuilder = class {
  constructor(root, options) {
    this.root = root;
    this.options = options;
  }
  withPromise() {
    return promise(this.root, this.options);
  }
  withCallback(cb) {
    callback(this.root, this.options, cb);
  }
  sync() {
    return sync(this.root, this.options);
  }
};
var pm = null;
try {
  __require.resolve("picomatch");
  pm = __require("picomatch");
} catch {
}
var Builder = class {
  globCache = {};
  options = {
    maxDepth: Infinity,
    suppressErrors: true,
    pathSeparator: sep,
    filters: []
  };
  globFunction;
  constructor(options) {
    this.options = {
      ...this.options,
      ...options
    };
    this.globFunction = this.options.globFunction;
  }
  group() {
    this.options.group = true;
    return this;
  }
  withPathSeparator(separator) {
    this.options.pathSeparator = separator;
    return this;
  }
  withBasePath() {
    this.options.includeBasePath = true;
    return this;
  }
  withRelativePaths() {
    this.options.relativePaths = true;
    return this;
  }
  withDirs() {
    this.options.includeDirs = true;
    return this;
  }
  withMaxDepth(depth) {
    this.options.maxDepth = depth;
    return this;
  }
  withMaxFiles(limit) {
    this.options.maxFiles = limit;
    return this;
  }
  withFullPaths() {
    this.options.resolvePaths = true;
    this.options.includeBasePath = true;
    return this;
  }
  withErrors() {
    this.options.suppressErrors = false;
    return this;
  }
  withSymlinks({ resolvePaths = true } = {}) {
    this.options.resolveSymlinks = true;
    this.options.useRealPaths = resolvePaths;
    return this.withFullPaths();
  }
  withAbortSignal(signal) {
    this.options.signal = signal;
    return this;
  }
  normalize() {
    this.options.normalizePath = true;
    return this;
  }
  filter(predicate) {
    this.options.filters.push(predicate);
    return this;
  }
  onlyDirs() {
    this.options.excludeFiles = true;
    this.options.includeDirs = true;
    return this;
  }
  exclude(predicate) {
    this.options.exclude = predicate;
    return this;
  }
  onlyCounts() {
    this.options.onlyCounts = true;
    return this;
  }
  crawl(root) {
    return new APIBuilder(root || ".", this.options);
  }
  withGlobFunction(fn) {
    this.globFunction = fn;
    return this;
  }
  /**
  * @deprecated Pass options using the constructor instead:
  * ```ts
  * new fdir(options).crawl("/path/to/root");
  * ```
  * This method will be removed in v7.0
  */
  /* c8 ignore next 4 */
  crawlWithOptions(root, options) {
    this.options = {
      ...this.options,
      ...options
    };
    return new APIBuilder(root || ".", this.options);
  }
  glob(...patterns) {
    if (this.globFunction) return this.globWithOptions(patterns);
    return this.globWithOptions(patterns, ...[{ dot: true }]);
  }
  globWithOptions(patterns, ...options) {
    const globFn = this.globFunction || pm;
    if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
    var isMatch = this.globCache[patterns.join("\0")];
    if (!isMatch) {
      isMatch = globFn(patterns, ...options);
      this.globCache[patterns.join("\0")] = isMatch;
    }
    this.options.filters.push((path) => isMatch(path));
    return this;
  }
};

// node_modules/tinyglobby/dist/index.mjs
var import_picomatch = __toESM(require_picomatch2(), 1);
var isReadonlyArray = Array.isArray;
var BACKSLASHES = /\\/g;
var DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
var isWin = process.platform === "win32";
var ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
  const patternsCount = patterns.length;
  const patternsParts = Array(patternsCount);
  const matchers = Array(patternsCount);
  let i, j;
  for (i = 0; i < patternsCount; i++) {
    const parts = splitPattern(patterns[i]);
    patternsParts[i] = parts;
    const partsCount = parts.length;
    const partMatchers = Array(partsCount);
    for (j = 0; j < partsCount; j++) partMatchers[j] = (0, import_picomatch.default)(parts[j], options);
    matchers[i] = partMatchers;
  }
  return (input) => {
    const inputParts = input.split("/");
    if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
    for (i = 0; i < patternsCount; i++) {
      const patternParts = patternsParts[i];
      const matcher = matchers[i];
      const inputPatternCount = inputParts.length;
      const minParts = Math.min(inputPatternCount, patternParts.length);
      j = 0;
      while (j < minParts) {
        const part = patternParts[j];
        if (part.includes("/")) return true;
        if (!matcher[j](inputParts[j])) break;
        if (!options.noglobstar && part === "**") return true;
        j++;
      }
      if (j === inputPatternCount) return true;
    }
    return false;
  };
}
var WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
var isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
  if (cwd === root || root.startsWith(`${cwd}/`)) {
    if (absolute) {
      const start = cwd.length + +!isRoot(cwd);
      return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
    }
    const prefix = root.slice(cwd.length + 1);
    if (prefix) return (p, isDir) => {
      if (p === ".") return prefix;
      const result = `${prefix}/${p}`;
      return isDir ? result.slice(0, -1) : result;
    };
    return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
  }
  if (absolute) return (p) => posix.relative(cwd, p) || ".";
  return (p) => posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
  if (root.startsWith(`${cwd}/`)) {
    const prefix = root.slice(cwd.length + 1);
    return (p) => `${prefix}/${p}`;
  }
  return (p) => {
    const result = posix.relative(cwd, `${root}/${p}`);
    return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
  };
}
function ensureNonDriveRelativePath(path) {
  return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
var splitPatternOptions = { parts: true };
function splitPattern(path) {
  var _result$parts;
  const result = import_picomatch.default.scan(path, splitPatternOptions);
  return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
var POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
var WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
var escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapePath = isWin ? escapeWin32Path : escapePosixPath;
function isDynamicPattern(pattern, options) {
  if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
  const scan = import_picomatch.default.scan(pattern);
  return scan.isGlob || scan.negated;
}
function log6(...tasks) {
  console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
  return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
var PARENT_DIRECTORY = /^(\/?\.\.)+/;
var ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
  var _PARENT_DIRECTORY$exe;
  const cwd = opts.cwd;
  let result = pattern;
  if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
  if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
  const escapedCwd = escapePath(cwd);
  result = isAbsolute(result.replace(ESCAPING_BACKSLASHES, "")) ? posix.relative(escapedCwd, result) : posix.normalize(result);
  const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
  const parts = splitPattern(result);
  if (parentDir) {
    const n = (parentDir.length + 1) / 3;
    let i = 0;
    const cwdParts = escapedCwd.split("/");
    while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
      result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
      i++;
    }
    const potentialRoot = posix.join(cwd, parentDir.slice(i * 3));
    if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
      props.root = ensureNonDriveRelativePath(potentialRoot);
      props.depthOffset = -n + i;
    }
  }
  if (!isIgnore && props.depthOffset >= 0) {
    var _props$commonPath;
    (_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
    const newCommonPath = [];
    const length = Math.min(props.commonPath.length, parts.length);
    for (let i = 0; i < length; i++) {
      const part = parts[i];
      if (part === "**" && !parts[i + 1]) {
        newCommonPath.pop();
        break;
      }
      if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
      newCommonPath.push(part);
    }
    props.depthOffset = newCommonPath.length;
    props.commonPath = newCommonPath;
    props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? posix.join(cwd, ...newCommonPath) : cwd);
  }
  return result;
}
function processPatterns(options, patterns, props) {
  const matchPatterns = [];
  const ignorePatterns = [];
  for (const pattern of options.ignore) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
  }
  for (const pattern of patterns) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
    else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
  }
  return {
    match: matchPatterns,
    ignore: ignorePatterns
  };
}
function buildCrawler(options, patterns) {
  const cwd = options.cwd;
  const props = {
    root: cwd,
    depthOffset: 0
  };
  const processed = processPatterns(options, patterns, props);
  if (options.debug) log6("internal processing patterns:", processed);
  const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
  const root = props.root.replace(BACKSLASHES, "");
  const matchOptions = {
    dot,
    nobrace: options.braceExpansion === false,
    nocase: !caseSensitiveMatch,
    noextglob: options.extglob === false,
    noglobstar: options.globstar === false,
    posix: true
  };
  const matcher = (0, import_picomatch.default)(processed.match, matchOptions);
  const ignore = (0, import_picomatch.default)(processed.ignore, matchOptions);
  const partialMatcher = getPartialMatcher(processed.match, matchOptions);
  const format2 = buildFormat(cwd, root, absolute);
  const excludeFormatter = absolute ? format2 : buildFormat(cwd, root, true);
  const excludePredicate = (_, p) => {
    const relativePath = excludeFormatter(p, true);
    return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
  };
  let maxDepth;
  if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
  const crawler = new Builder({
    filters: [debug ? (p, isDirectory) => {
      const path = format2(p, isDirectory);
      const matches2 = matcher(path) && !ignore(path);
      if (matches2) log6(`matched ${path}`);
      return matches2;
    } : (p, isDirectory) => {
      const path = format2(p, isDirectory);
      return matcher(path) && !ignore(path);
    }],
    exclude: debug ? (_, p) => {
      const skipped = excludePredicate(_, p);
      log6(`${skipped ? "skipped" : "crawling"} ${p}`);
      return skipped;
    } : excludePredicate,
    fs: options.fs,
    pathSeparator: "/",
    relativePaths: !absolute,
    resolvePaths: absolute,
    includeBasePath: absolute,
    resolveSymlinks: followSymbolicLinks,
    excludeSymlinks: !followSymbolicLinks,
    excludeFiles: onlyDirectories,
    includeDirs: onlyDirectories || !options.onlyFiles,
    maxDepth,
    signal: options.signal
  }).crawl(root);
  if (options.debug) log6("internal properties:", {
    ...props,
    root
  });
  return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
function formatPaths(paths, mapper) {
  if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
  return paths;
}
var defaultOptions = {
  caseSensitiveMatch: true,
  debug: !!process.env.TINYGLOBBY_DEBUG,
  expandDirectories: true,
  followSymbolicLinks: true,
  onlyFiles: true
};
function getOptions(options) {
  const opts = Object.assign({}, options);
  for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
  opts.cwd = (opts.cwd instanceof URL ? fileURLToPath(opts.cwd) : resolve6(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
  opts.ignore = ensureStringArray(opts.ignore);
  opts.fs && (opts.fs = {
    readdir: opts.fs.readdir || readdir,
    readdirSync: opts.fs.readdirSync || readdirSync,
    realpath: opts.fs.realpath || realpath,
    realpathSync: opts.fs.realpathSync || realpathSync,
    stat: opts.fs.stat || stat2,
    statSync: opts.fs.statSync || statSync
  });
  if (opts.debug) log6("globbing with options:", opts);
  return opts;
}
function getCrawler(globInput, inputOptions = {}) {
  var _ref;
  if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
  const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
  const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
  const options = getOptions(isModern ? inputOptions : globInput);
  return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
  const [crawler, relative5] = getCrawler(globInput, options);
  return crawler ? formatPaths(await crawler.withPromise(), relative5) : [];
}

// packages/core/src/io/fingerprint.ts
async function expandPaths(patterns, options) {
  const cwd = resolve7(options.cwd);
  const exclude = (options.exclude ?? []).map((dir) => resolve7(dir));
  const excluded = (path) => exclude.some((dir) => path === dir || path.startsWith(`${dir}${sep2}`));
  const found = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const matched = await expandPattern(pattern, cwd, options.option);
    if (matched.length === 0) throw new InputError(`${options.option}: '${pattern}' matches no file`);
    const absolutes = matched.filter((path) => !excluded(path));
    if (absolutes.length === 0)
      throw new InputError(
        `${options.option}: '${pattern}' matches only files in ${options.excludedNames ?? "excluded directories"}`
      );
    for (const absolute of absolutes) found.add(recordedPath(cwd, absolute));
  }
  return [...found].sort(comparePaths);
}
function recordedPath(cwd, absolute) {
  const inside = relative2(cwd, absolute);
  const outside = inside === ".." || inside.startsWith(`..${sep2}`) || isAbsolute2(inside);
  return (outside ? absolute : inside).split(sep2).join("/");
}
async function expandPattern(pattern, cwd, option) {
  const literal3 = resolve7(cwd, pattern);
  const literalStat = await stat3(literal3).catch((error) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
    throw new InputError(`${option}: cannot read '${pattern}': ${describeError(error)}`);
  });
  if (literalStat?.isFile()) return [literal3];
  if (literalStat?.isDirectory()) return filesUnder(literal3, cwd, option);
  if (literalStat) throw new InputError(`${option}: '${pattern}' is not a regular file or directory`);
  if (!isDynamicPattern(pattern)) {
    const link = await lstat(literal3).catch(() => void 0);
    return link?.isSymbolicLink() ? [literal3] : [];
  }
  const walk = new LinkResolvingWalk(cwd, option);
  const matches2 = await glob(pattern, { cwd, dot: false, onlyFiles: false, fs: walk.fs() });
  walk.throwProblems();
  const files = [];
  const directories = [];
  for (const match of matches2) {
    if (match.endsWith("/")) directories.push(resolve7(cwd, match));
    else files.push(resolve7(cwd, match));
  }
  const walked = /* @__PURE__ */ new Set();
  for (const directory of directories.sort((a, b) => a.length - b.length)) {
    let inside = false;
    for (let above = directory; !inside; above = dirname2(above)) {
      inside = walked.has(above);
      if (dirname2(above) === above) break;
    }
    if (inside) continue;
    walked.add(directory);
    files.push(...await filesUnder(directory, cwd, option));
  }
  return files;
}
async function filesUnder(directory, cwd, option) {
  const walk = new LinkResolvingWalk(cwd, option);
  const files = await glob("**", { cwd: directory, dot: true, onlyFiles: true, fs: walk.fs() });
  walk.throwProblems();
  return files.map((file) => resolve7(directory, file));
}
var LinkResolvingWalk = class {
  constructor(cwd, option) {
    this.cwd = cwd;
    this.option = option;
  }
  cwd;
  option;
  problems = [];
  realPaths = /* @__PURE__ */ new Map();
  fs() {
    const readdirAdapter = (directory, _options, callback2) => {
      this.list(directory).then(
        (entries) => callback2(null, entries),
        (error) => {
          if (error.code !== "ENOENT" && error.code !== "ENOTDIR")
            this.problems.push(`cannot read directory '${this.display(directory)}': ${describeError(error)}`);
          callback2(null, []);
        }
      );
    };
    return { readdir: readdirAdapter };
  }
  throwProblems() {
    if (this.problems.length > 0) throw new InputError(`${this.option}: ${this.problems[0]}`);
  }
  async list(directory) {
    const entries = await readdir2(directory, { withFileTypes: true });
    const listed2 = [];
    for (const entry of entries) {
      if (!entry.isSymbolicLink()) {
        listed2.push(entry);
        continue;
      }
      const path = resolve7(directory, entry.name);
      const target = await stat3(path).catch(() => void 0);
      if (target === void 0 || target.isFile()) listed2.push(entryAs(entry.name, "file"));
      else if (target.isDirectory()) {
        if (await this.isAncestor(await realpath2(path), directory)) {
          this.problems.push(`'${this.display(path)}' is a symbolic link to a directory that contains it`);
        } else listed2.push(entryAs(entry.name, "directory"));
      }
    }
    return listed2;
  }
  /** Whether `real` is the real path of `directory` or of any directory above it, as the walk reached them. */
  async isAncestor(real, directory) {
    for (let path = directory; ; path = dirname2(path)) {
      if (await this.realPathOf(path) === real) return true;
      if (dirname2(path) === path) return false;
    }
  }
  realPathOf(path) {
    let real = this.realPaths.get(path);
    if (real === void 0) {
      real = realpath2(path);
      this.realPaths.set(path, real);
    }
    return real;
  }
  display(path) {
    return recordedPath(this.cwd, path.endsWith("/") && path.length > 1 ? path.slice(0, -1) : path);
  }
};
function entryAs(name, kind) {
  return {
    name,
    isFile: () => kind === "file",
    isDirectory: () => kind === "directory",
    isSymbolicLink: () => false
  };
}
function describeError(error) {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return error.code ?? error.message;
  }
}
var racyWindowNs = 2000000000n;
var cacheFormat = 1;
var HashCache = class _HashCache {
  constructor(file, previous, options) {
    this.file = file;
    this.previous = previous;
    this.maxEntries = options.maxEntries ?? 1e5;
    this.clock = options.clock ?? (() => BigInt(Date.now()) * 1000000n);
  }
  file;
  previous;
  /** Seen this run (hits and new records), in the order seen. */
  current = /* @__PURE__ */ new Map();
  maxEntries;
  clock;
  /** Reads the cache file; a missing, unreadable or malformed one gives an empty cache (it only costs time). */
  static async load(file, options = {}) {
    const previous = /* @__PURE__ */ new Map();
    try {
      const parsed = JSON.parse(await readFile4(file, "utf8"));
      if (parsed?.version === cacheFormat && Array.isArray(parsed.entries)) {
        for (const row of parsed.entries) {
          const entry = parseRow(row);
          if (entry) previous.set(entry[0], entry[1]);
        }
      }
    } catch {
      previous.clear();
    }
    return new _HashCache(file, previous, options);
  }
  /** Now, in the cache's clock: take it before stat'ing the files whose records will carry it. */
  now() {
    return this.clock();
  }
  /** The hex digest of the file at `path` (absolute) if its stat matches a trusted record. */
  lookup(path, stats) {
    const record2 = this.current.get(path) ?? this.previous.get(path);
    if (record2 === void 0 || record2.dev !== stats.dev || record2.ino !== stats.ino || record2.size !== stats.size || record2.mtimeNs !== stats.mtimeNs || record2.ctimeNs !== stats.ctimeNs)
      return void 0;
    const trustedBefore = record2.recordedNs - racyWindowNs;
    if (record2.mtimeNs >= trustedBefore || record2.ctimeNs >= trustedBefore) return void 0;
    this.current.set(path, record2);
    return record2.digest;
  }
  /** Records the hex digest of the file at `path` (absolute), with the stat taken after `statTimeNs`. */
  record(path, stats, digest, statTimeNs) {
    this.current.delete(path);
    this.current.set(path, {
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeNs: stats.mtimeNs,
      ctimeNs: stats.ctimeNs,
      recordedNs: statTimeNs,
      digest
    });
  }
  /** Writes the cache atomically. A failure is the caller's to report as a warning: the cache is only speed. */
  async save() {
    const rows = [];
    const keep = (path, record2) => rows.push([
      path,
      `${record2.dev}`,
      `${record2.ino}`,
      `${record2.size}`,
      `${record2.mtimeNs}`,
      `${record2.ctimeNs}`,
      `${record2.recordedNs}`,
      record2.digest
    ]);
    for (const [path, record2] of this.current) keep(path, record2);
    for (const [path, record2] of this.previous) {
      if (rows.length >= this.maxEntries) break;
      if (!this.current.has(path)) keep(path, record2);
    }
    const body = rows.map((row) => JSON.stringify(row)).join(",\n");
    await writeFileAtomic(this.file, `{"version":${cacheFormat},"entries":[
${body}
]}
`);
  }
};
var decimal = /^\d+$/;
var hex = /^[0-9a-f]{64}$/;
function parseRow(row) {
  if (!Array.isArray(row) || row.length !== 8 || !row.every((cell2) => typeof cell2 === "string"))
    return void 0;
  const [path, dev, ino, size, mtimeNs, ctimeNs, recordedNs, digest] = row;
  const numbers = [dev, ino, size, mtimeNs, ctimeNs, recordedNs];
  if (!path || !numbers.every((number4) => decimal.test(number4)) || !hex.test(digest))
    return void 0;
  const [d, i, s, m, c, r] = numbers.map(BigInt);
  return [path, { dev: d, ino: i, size: s, mtimeNs: m, ctimeNs: c, recordedNs: r, digest }];
}
async function fingerprintFiles(root, paths, options = {}) {
  const cache = options.hashCache;
  const statTimeNs = cache?.now() ?? 0n;
  const absolutes = paths.map((path) => resolve7(root, path));
  const stats = await mapConcurrently(absolutes, 64, async (absolute, index) => {
    const stats2 = await stat3(absolute, { bigint: true }).catch(async (error) => {
      throw await unreadable(paths[index], absolute, error);
    });
    if (!stats2.isFile()) throw new InputError(`cannot read '${paths[index]}': not a regular file`);
    return stats2;
  });
  const digests = stats.map(
    (stats2, index) => cache?.lookup(absolutes[index], stats2)
  );
  const toHash = digests.flatMap((digest, index) => digest === void 0 ? [index] : []);
  const hashed = await hashInWorkers(
    toHash.map((index) => ({
      path: absolutes[index],
      size: Number(stats[index].size)
    })),
    options.workers ?? availableParallelism(),
    options.onProgress,
    (item, error) => unreadable(paths[toHash[item]], absolutes[toHash[item]], error)
  );
  const sizes = stats.map((stats2) => Number(stats2.size));
  let hashedBytes = 0;
  toHash.forEach((index, item) => {
    const result = hashed[item];
    digests[index] = result.digest;
    sizes[index] = result.size;
    hashedBytes += result.size;
    const fileStats = stats[index];
    if (cache && BigInt(result.size) === fileStats.size)
      cache.record(absolutes[index], fileStats, result.digest, statTimeNs);
  });
  const files = paths.map((path, index) => ({
    path,
    size: sizes[index],
    digest: `sha256:${digests[index]}`,
    executable: (stats[index].mode & 0o100n) !== 0n
  }));
  return { ...fileSetOf(files), hashedFiles: toHash.length, hashedBytes };
}
async function unreadable(path, absolute, error) {
  if (error.code === "ENOENT") {
    const link = await lstat(absolute).catch(() => void 0);
    if (link?.isSymbolicLink()) return new InputError(`cannot read '${path}': broken symbolic link`);
  }
  return new InputError(`cannot read '${path}': ${describeError(error)}`, { cause: error });
}
var batchBytes = 8 << 20;
var batchFiles = 256;
var readBufferBytes = 1 << 20;
var progressEveryBytes = 64 << 20;
var workerSource = `
Promise.all([import('node:worker_threads'), import('node:fs'), import('node:crypto')]).then(
  ([{ parentPort }, { openSync, readSync, closeSync }, { createHash }]) => {
    const buffer = Buffer.allocUnsafe(${readBufferBytes});
    parentPort.on('message', ({ batch, paths }) => {
      const results = [];
      let unreported = 0;
      for (let item = 0; item < paths.length; item++) {
        let fd;
        try {
          fd = openSync(paths[item], 'r');
          const hash = createHash('sha256');
          let size = 0;
          for (;;) {
            const read = readSync(fd, buffer, 0, buffer.length, null);
            if (read === 0) break;
            hash.update(read === buffer.length ? buffer : buffer.subarray(0, read));
            size += read;
            unreported += read;
            if (unreported >= ${progressEveryBytes}) {
              parentPort.postMessage({ progress: unreported });
              unreported = 0;
            }
          }
          results.push({ digest: hash.digest('hex'), size });
        } catch (error) {
          parentPort.postMessage({ batch, failed: item, code: error.code, message: error.message });
          return;
        } finally {
          if (fd !== undefined) closeSync(fd);
        }
      }
      parentPort.postMessage({ batch, results, progress: unreported });
    });
  },
);
`;
async function hashInWorkers(files, workerCount, onProgress, failure) {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  onProgress?.(0, totalBytes);
  if (files.length === 0) return [];
  const order = files.map((_, item) => item).sort((a, b) => files[b].size - files[a].size);
  const batches = [];
  let current = [];
  let currentBytes = 0;
  for (const item of order) {
    const size = files[item].size;
    if (current.length > 0 && (currentBytes + size > batchBytes || current.length >= batchFiles)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  batches.push(current);
  const results = new Array(files.length);
  const workers = [];
  let doneBytes = 0;
  try {
    await new Promise((resolvePool, rejectPool) => {
      let nextBatch = 0;
      let pending = batches.length;
      let failed = false;
      const fail2 = (error) => {
        failed = true;
        rejectPool(error);
      };
      const dispatch = (worker) => {
        if (failed || nextBatch >= batches.length) return;
        const batch = nextBatch++;
        worker.postMessage({
          batch,
          paths: batches[batch].map((item) => files[item].path)
        });
      };
      const count2 = Math.max(1, Math.min(workerCount, batches.length));
      for (let index = 0; index < count2; index++) {
        const worker = new Worker(workerSource, { eval: true });
        workers.push(worker);
        worker.on("message", (message) => {
          if (failed) return;
          if (message.progress) {
            doneBytes += message.progress;
            onProgress?.(doneBytes, totalBytes);
          }
          if (message.batch === void 0) return;
          const items = batches[message.batch];
          if ("failed" in message) {
            const error = Object.assign(new Error(message.message), { code: message.code });
            failure(items[message.failed], error).then(fail2, fail2);
            return;
          }
          message.results.forEach((result, position) => {
            results[items[position]] = result;
          });
          if (--pending === 0) resolvePool();
          else dispatch(worker);
        });
        worker.on("error", fail2);
        worker.on("exit", (code2) => {
          if (pending > 0) fail2(new Error(`a hashing thread exited early (code ${code2})`));
        });
        dispatch(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

// packages/core/src/version.ts
var mlciVersion = "0.1.0";

// packages/core/src/steps/train/cache-key.ts
import { createHash as createHash2 } from "node:crypto";
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function cacheKey(material, parts) {
  const chosen = new Set(parts);
  const text = canonicalJson({
    v: 1,
    outputs: material.outputs,
    command: chosen.has("command") ? material.command : void 0,
    inputs: chosen.has("inputs") ? material.inputsDigest : void 0,
    params: chosen.has("params") ? material.params : void 0,
    env: chosen.has("env") ? material.variables : void 0,
    commit: chosen.has("commit") ? material.commit : void 0
  });
  return `sha256:${createHash2("sha256").update(text).digest("hex")}`;
}

// packages/core/src/steps/train/command.ts
import { spawn } from "node:child_process";
var commandNotFoundStatus = 127;
function runCommand(line, options) {
  const started = performance.now();
  return new Promise((resolve10, reject) => {
    const child = spawn("/bin/sh", ["-c", line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", process.stderr, process.stderr],
      detached: true
    });
    let timedOut = false;
    let killTimer;
    const killGroup = (signal) => {
      try {
        if (child.pid !== void 0) process.kill(-child.pid, signal);
      } catch {
      }
    };
    const timer = options.timeoutSeconds === void 0 ? void 0 : setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), options.killGraceMs ?? 5e3);
    }, options.timeoutSeconds * 1e3);
    const forward = (signal) => () => killGroup(signal);
    const onTerm = forward("SIGTERM");
    const onInt = forward("SIGINT");
    process.once("SIGTERM", onTerm);
    process.once("SIGINT", onInt);
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.removeListener("SIGTERM", onTerm);
      process.removeListener("SIGINT", onInt);
    };
    child.once("error", (error) => {
      finish();
      reject(error);
    });
    child.once("close", (exitCode, signal) => {
      if (timedOut) killGroup("SIGKILL");
      finish();
      resolve10({ exitCode, signal, durationMs: Math.round(performance.now() - started), timedOut });
    });
  });
}

// packages/core/src/steps/train/environment.ts
import { execFile as execFile2 } from "node:child_process";
import { existsSync as existsSync2, readFileSync } from "node:fs";
import { arch, platform, release } from "node:os";
import { join as join5 } from "node:path";

// packages/core/src/io/digest.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream } from "node:fs";
async function fileDigest(path) {
  const hash = createHash3("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk);
  return `sha256:${hash.digest("hex")}`;
}

// packages/core/src/steps/train/environment.ts
var lockfileNames = [
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "requirements.txt",
  "requirements.lock",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "pdm.lock",
  "conda-lock.yml",
  "environment.yml",
  "renv.lock",
  "Cargo.lock",
  "go.sum",
  "Gemfile.lock"
];
function run(file, args, cwd) {
  return new Promise((resolve10) => {
    execFile2(file, args, { cwd, timeout: 5e3, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) resolve10(void 0);
      else resolve10(`${stdout}${stderr}`.trim());
    });
  });
}
async function gitState(cwd, context) {
  const commit = await run("git", ["rev-parse", "--verify", "HEAD"], cwd);
  if (commit && /^[0-9a-f]{40,64}$/.test(commit)) {
    const status = await run("git", ["status", "--porcelain", "--untracked-files=no"], cwd);
    return { commit, ...status === void 0 ? {} : { dirty: status !== "" }, source: "git" };
  }
  return context.commit ? { commit: context.commit, source: "ci" } : { source: "none" };
}
function distribution() {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return void 0;
  }
}
async function runEnvironment(cwd, declared) {
  const probes = [
    ["python", "python3", ["--version"]],
    ["r", "Rscript", ["--version"]]
  ];
  const runtimes = { node: process.version };
  await Promise.all(
    probes.map(async ([name, file, args]) => {
      const version = (await run(file, args, cwd))?.split("\n")[0];
      if (version) runtimes[name] = version;
    })
  );
  const lockfiles = await Promise.all(
    lockfileNames.filter((name) => existsSync2(join5(cwd, name))).map(async (name) => ({ path: name, digest: await fileDigest(join5(cwd, name)) }))
  );
  const variables = {};
  for (const name of [...declared].sort()) variables[name] = process.env[name] ?? null;
  const distro = distribution();
  return {
    os: {
      platform: platform(),
      release: release(),
      arch: arch(),
      ...distro ? { distribution: distro } : {}
    },
    runtimes: Object.fromEntries(Object.entries(runtimes).sort(([a], [b]) => a < b ? -1 : 1)),
    lockfiles,
    variables
  };
}

// packages/core/src/steps/train/input.ts
var cacheKeyParts = ["command", "inputs", "params", "env", "commit"];
var trainInput = object({
  command: string().min(1).describe("The training command, run by the shell (sh -c) in the working directory: any language."),
  inputs: array(string().min(1)).default([]).describe(
    "Files, directories and globs the command reads (data, and code when the cache key leaves out the commit); fingerprinted by content."
  ),
  outputs: string().min(1).describe("Directory the command writes its model files to, inside the working directory."),
  params: string().min(1).optional().describe("Parameters file (YAML or JSON object) for the command; param values override its keys."),
  param: array(string().min(1)).default([]).describe(
    "A parameter as KEY=VALUE (the value read as YAML: 0.1 is a number); overrides the params file."
  ),
  metrics: string().min(1).optional().describe("JSON file of metrics the command writes (an object of numbers, nested keys joined by dots)."),
  timeout: number().positive().optional().describe(
    "Seconds the command may run; past it, the command and its children are killed and the step fails."
  ),
  env: array(string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected environment variable names")).default([]).describe(
    "Environment variables that change the result (e.g. CUDA_VISIBLE_DEVICES): recorded, and part of the cache key."
  ),
  cacheStore: string().min(1).default(".mlci/cache").describe("Run cache: a directory, or oci://HOST[:PORT]/REPOSITORY to share it between runners."),
  noCache: boolean().default(false).describe("Run the command even when the run cache has its result (the new result is still stored)."),
  cacheKeep: number().int().min(0).default(20).describe(
    "How many entries a directory run cache keeps (the most recently used; older ones and content only they held are deleted after each run); 0 keeps all."
  ),
  cacheKey: array(_enum(cacheKeyParts)).default([...cacheKeyParts]).describe("What the run cache key is made of: command, inputs, params, env, commit."),
  register: string().min(1).optional().describe("Register the outputs as a new version of this model, with the lineage record attached."),
  registry: string().min(1).default("file:.mlci/registry").describe("Model registry: file:DIR, or oci://HOST[:PORT]/PREFIX."),
  tracking: string().min(1).optional().describe("Log the run to an MLflow tracking server: mlflow+http(s)://HOST[:PORT][/PATH]."),
  experiment: string().min(1).optional().describe('MLflow experiment name; by default the repository name, else the model name, else "mlci".'),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  out: string().min(1).default(".mlci").describe("Directory the report files, run.json and provenance are written to.")
});

// packages/core/src/steps/train/lineage.ts
var runRecordMediaType = "application/vnd.mlci.run.v1+json";
var provenanceMediaType = "application/vnd.in-toto+json";
var trainBuildType = "https://mlci.dev/train/v1";
var hex2 = (digest) => digest.replace(/^sha256:/, "");
function sourceUri(ci) {
  if (!ci.repository) return void 0;
  if (ci.platform === "github") return `git+https://github.com/${ci.repository}`;
  if (ci.platform === "gitlab" && ci.runUrl) return `git+${new URL(ci.runUrl).origin}/${ci.repository}`;
  return void 0;
}
function provenanceOf(record2) {
  const outputs = record2.outputs;
  const dependencies = [];
  if (record2.git.commit) {
    const uri = sourceUri(record2.ci);
    dependencies.push({
      ...uri ? { uri: `${uri}@${record2.git.commit}` } : { name: "source" },
      digest: { gitCommit: record2.git.commit },
      ...record2.git.dirty ? { annotations: { dirty: true } } : {}
    });
  }
  for (const file of record2.inputs.files)
    dependencies.push({ name: file.path, digest: { sha256: hex2(file.digest) } });
  for (const file of record2.environment.lockfiles)
    dependencies.push({
      name: file.path,
      digest: { sha256: hex2(file.digest) },
      annotations: { role: "lockfile" }
    });
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: (outputs?.files ?? []).map((file) => ({
      name: `${outputs?.path}/${file.path}`,
      digest: { sha256: hex2(file.digest) }
    })),
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: {
        buildType: trainBuildType,
        externalParameters: {
          command: record2.command,
          inputs: record2.inputs.patterns,
          outputs: outputs?.path ?? null,
          params: record2.params
        },
        internalParameters: {
          cacheKey: record2.cache.key,
          cacheKeyParts: record2.cache.parts,
          variables: record2.environment.variables,
          runtimes: record2.environment.runtimes,
          os: record2.environment.os
        },
        resolvedDependencies: dependencies
      },
      runDetails: {
        builder: {
          id: record2.ci.runUrl ?? `https://mlci.dev/builders/${record2.ci.platform}`,
          version: { mlci: mlciVersion }
        },
        metadata: { invocationId: record2.runId, startedOn: record2.startedAt, finishedOn: record2.finishedAt },
        byproducts: [{ name: "inputs", digest: { sha256: hex2(record2.inputs.digest) } }]
      }
    }
  };
}

// packages/core/src/steps/train/report.ts
var short = (digest) => digest.replace(/^sha256:/, "").slice(0, 12);
function formatBytes(bytes) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1e3 && unit < units.length - 1) {
    value /= 1e3;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function headlineOf2(result) {
  const failed = result.checks.find((check2) => check2.status === "failed");
  if (failed) return `train failed: ${failed.message}`;
  const model = result.registered ? `, model ${result.registered.model} version ${result.registered.version}` : "";
  const how = result.cache.status === "hit" ? `cache hit, outputs of run ${result.cache.producedBy} restored` : `ran in ${((result.command?.durationMs ?? 0) / 1e3).toFixed(1)} s`;
  return `train passed: ${how}${model} (outputs ${short(result.outputs?.digest ?? "")})`;
}
function renderReport2(result) {
  const failed = result.checks.filter((check2) => check2.status === "failed");
  const lines = [`## ${failed.length > 0 ? "\u274C" : "\u2705"} ${headlineOf2(result)}`, ""];
  if (failed.length > 0) {
    lines.push(
      table(
        ["check", "message"],
        failed.map((check2) => [check2.name, check2.message])
      ),
      ""
    );
  }
  const rows = [
    ["run", `\`${result.runId}\``],
    [
      "cache",
      result.cache.status === "hit" ? `hit: restored the outputs of run \`${result.cache.producedBy}\`` : result.cache.status === "off" ? "off (no-cache): the command ran" : result.cache.status === "corrupt" ? "the cached entry failed its digest check and was ignored: the command ran" : "miss: the command ran"
    ],
    ["cache key", `\`${short(result.cache.key)}\` in ${result.cache.store}`],
    [
      "inputs",
      `${result.inputs.files} files, ${formatBytes(result.inputs.bytes)}, \`${short(result.inputs.digest)}\``
    ]
  ];
  if (result.outputs)
    rows.push([
      "outputs",
      `\`${result.outputs.path}\`: ${result.outputs.files} files, ${formatBytes(result.outputs.bytes)}, \`${short(result.outputs.digest)}\``
    ]);
  if (result.command) {
    const status = result.command.timedOut ? "killed at the timeout" : result.command.signal ? `killed by ${result.command.signal}` : `exit ${result.command.exitCode}`;
    rows.push(["command", `${status} after ${(result.command.durationMs / 1e3).toFixed(1)} s`]);
  }
  if (result.registered)
    rows.push([
      "model",
      `${result.registered.model} version ${result.registered.version}${result.registered.created ? "" : " (already registered with the same content)"} in ${result.registered.registry}`
    ]);
  if (result.tracking) rows.push(["MLflow run", `[${result.tracking.runId}](${result.tracking.url})`]);
  lines.push(table(["", ""], rows), "");
  const metrics = Object.entries(result.metrics);
  if (metrics.length > 0) {
    lines.push(
      "### Metrics",
      "",
      table(
        ["metric", "value"],
        metrics.map(([name, value]) => [name, value])
      ),
      ""
    );
  }
  const params = Object.entries(result.params);
  if (params.length > 0) {
    lines.push(
      "<details><summary>Parameters</summary>",
      "",
      table(
        ["parameter", "value"],
        params.map(([name, value]) => [name, value])
      ),
      "",
      "</details>",
      ""
    );
  }
  lines.push(
    `Lineage: \`${result.record.runJson}\`, provenance (in-toto, SLSA v1): \`${result.record.provenance}\`.`,
    ""
  );
  return lines.join("\n");
}

// packages/core/src/steps/train/index.ts
var hashCachePath = ".mlci/hash-cache.json";
var trainStep = defineStep({
  name: "train",
  summary: "Run the training command with lineage, a run cache, model registration and experiment tracking.",
  input: trainInput,
  outputs: {
    "run-id": "Id of this run (run.json, provenance, MLflow tag mlci.run.id).",
    "cache-status": "hit (outputs restored, command not run), miss, off (no-cache) or corrupt.",
    "outputs-digest": "sha256 digest of the outputs (their sorted sha256sum listing).",
    "model-version": "Version of the registered model, when register is given.",
    "tracking-url": "Link to the MLflow run, when tracking is given.",
    "run-record": "Path of run.json."
  },
  run: runTrain
});
function isInside(root, path) {
  const rel = relative3(root, path);
  return rel === "" || !rel.startsWith(`..${sep3}`) && rel !== ".." && !isAbsolute3(rel);
}
function posix2(path) {
  return path.split(sep3).join("/");
}
function resolveOutputs(cwd, outputs, outDir) {
  const path = resolve8(cwd, outputs);
  if (!isInside(cwd, path) || path === cwd)
    throw new InputError(`outputs: '${outputs}' must be a directory inside the working directory ${cwd}`);
  if (isInside(path, outDir))
    throw new InputError(
      `outputs: '${outputs}' contains the report directory (out): choose another directory`
    );
  return path;
}
async function runTrain(input, environment) {
  const { cwd, logger, context } = environment;
  const timings = {};
  const timed = async (name, work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const outDir = resolve8(cwd, input.out);
  const outputsDir = resolveOutputs(cwd, input.outputs, outDir);
  const outputsPath = posix2(relative3(cwd, outputsDir));
  const runId = randomUUID();
  const startedAt = /* @__PURE__ */ new Date();
  const backend = { cwd, env: process.env, logger, insecure: input.insecureRegistry };
  if (input.tracking !== void 0) (await import("./client-FOCWKVRS.mjs")).parseTrackingUri(input.tracking);
  const params = await loadParams(input.params, input.param, {
    cwd,
    fileOption: "params",
    paramOption: "param"
  });
  const inputPaths = input.inputs.length > 0 ? await expandPaths(input.inputs, {
    cwd,
    option: "inputs",
    exclude: [join6(cwd, ".git"), join6(cwd, ".mlci"), outDir, outputsDir],
    excludedNames: `.git, .mlci, the report directory or the outputs (${outputsPath}/): a run's inputs are never there`
  }) : [];
  const hashCache = await HashCache.load(join6(cwd, hashCachePath));
  const inputs = await timed(
    "fingerprintInputs",
    () => fingerprintFiles(cwd, inputPaths, {
      hashCache,
      onProgress: (done, total) => environment.progress.update(
        `hashing inputs (${formatBytes(total)})`,
        total > 0 ? done / total : void 0
      )
    })
  );
  environment.progress.done();
  await hashCache.save().catch((error) => logger.debug(`hash cache not saved: ${String(error)}`));
  logger.info(`inputs: ${inputs.files.length} files, ${formatBytes(inputs.bytes)}, ${inputs.digest}`);
  const [git, runEnv] = await timed(
    "environment",
    () => Promise.all([gitState(cwd, context), runEnvironment(cwd, input.env)])
  );
  const key = cacheKey(
    {
      command: input.command,
      inputsDigest: inputs.digest,
      outputs: outputsPath,
      params,
      variables: runEnv.variables,
      commit: git.commit ?? null
    },
    input.cacheKey
  );
  const checks = [];
  let cacheStatus = input.noCache ? "off" : "miss";
  const cache = await (await import("./open-DLQXFAIW.mjs")).openRunCache(input.cacheStore, backend);
  let hit;
  const entry = input.noCache ? void 0 : await timed("cacheLookup", () => cache.lookup(key));
  if (entry) {
    try {
      await timed("cacheRestore", () => cache.restore(entry, outputsDir));
      hit = entry;
      cacheStatus = "hit";
    } catch (error) {
      if (!(error instanceof CorruptCacheEntry)) throw error;
      logger.warn(`run cache: ignoring the entry for ${key}: ${error.message}`);
      cacheStatus = "corrupt";
    }
  }
  let command = null;
  let outputs = null;
  let metrics = {};
  let producer;
  if (hit) {
    producer = JSON.parse(Buffer.from(hit.record).toString("utf8"));
    outputs = hit.fileSet;
    metrics = producer.metrics ?? {};
    checks.push(pass("command", `not run: cache hit, the outputs of run ${producer.runId} were restored`));
    checks.push(pass("outputs", describeOutputs(outputsPath, outputs)));
    if (input.metrics !== void 0) await restoreMetricsFile(cwd, input.metrics, outputsDir, metrics);
  } else {
    const ran = await timed(
      "command",
      () => runFresh(input, { cwd, outputsDir, outDir, runId, params, logger })
    );
    command = ran.command;
    checks.push(ran.check);
    if (ran.check.status === "passed") {
      outputs = await timed("fingerprintOutputs", async () => {
        const paths = await expandPaths(["."], { cwd: outputsDir, option: "outputs" }).catch(
          (error) => {
            if (error instanceof InputError) return [];
            throw error;
          }
        );
        return paths.length === 0 ? null : fingerprintFiles(outputsDir, paths);
      });
      checks.push(
        outputs ? pass("outputs", describeOutputs(outputsPath, outputs)) : fail("outputs", `the command wrote no files under ${outputsPath}/`)
      );
      if (input.metrics !== void 0) {
        const read = await readMetrics(cwd, input.metrics);
        metrics = read.metrics;
        checks.push(read.check);
      }
    }
    await ran.settle(statusOf(checks) === "passed");
  }
  const succeeded = statusOf(checks) === "passed";
  const finishedAt = /* @__PURE__ */ new Date();
  const cacheParts = [...input.cacheKey];
  const record2 = {
    schema: "mlci.run/v1",
    runId,
    command: input.command,
    status: succeeded ? "succeeded" : "failed",
    exitCode: command?.exitCode ?? null,
    signal: command?.signal ?? null,
    timedOut: command?.timedOut ?? false,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    inputs: { patterns: [...input.inputs], digest: inputs.digest, bytes: inputs.bytes, files: inputs.files },
    outputs: outputs ? { path: outputsPath, digest: outputs.digest, bytes: outputs.bytes, files: outputs.files } : null,
    params,
    metrics,
    git,
    environment: runEnv,
    ci: context,
    cache: {
      key,
      parts: cacheParts,
      status: cacheStatus,
      ...producer ? { producedBy: producer.runId } : {}
    },
    mlci: { version: mlciVersion }
  };
  if (input.tracking !== void 0) {
    const { logTrainingRun, trackingTags } = await import("./tracking-BYW4NTLF.mjs");
    const tracking = await timed(
      "tracking",
      () => logTrainingRun({
        uri: input.tracking,
        env: process.env,
        logger,
        experiment: input.experiment ?? context.repository?.split("/").pop() ?? input.register ?? "mlci",
        runName: `mlci-${runId.slice(0, 8)}`,
        startTime: startedAt.getTime(),
        endTime: finishedAt.getTime(),
        status: succeeded ? "FINISHED" : "FAILED",
        params,
        metrics,
        tags: trackingTagsOf(record2, trackingTags)
      })
    );
    record2.tracking = { uri: input.tracking, runId: tracking.runId, url: tracking.url };
    checks.push(pass("tracking", `logged to MLflow as run ${tracking.runId}`));
  }
  const recordBytes = Buffer.from(`${JSON.stringify(record2, null, 2)}
`);
  const provenanceBytes = hit ? Buffer.from(hit.provenance) : Buffer.from(`${JSON.stringify(provenanceOf(record2), null, 2)}
`);
  const runJson = join6(outDir, "run.json");
  const provenanceFile = join6(outDir, "provenance.intoto.json");
  await writeFileAtomic(runJson, recordBytes);
  await writeFileAtomic(provenanceFile, provenanceBytes);
  if (succeeded && outputs && !hit) {
    await timed(
      "cacheStore",
      () => cache.store({
        key,
        directory: outputsDir,
        fileSet: outputs,
        record: recordBytes,
        provenance: provenanceBytes
      })
    ).catch(
      (error) => logger.warn(`run cache: not stored: ${error instanceof Error ? error.message : String(error)}`)
    );
  }
  if (input.cacheKeep > 0) {
    const pruned = await cache.prune(input.cacheKeep).catch((error) => logger.warn(`run cache: not pruned: ${error.message}`));
    if (pruned)
      logger.info(`run cache: dropped ${pruned} least recently used entries (cache-keep ${input.cacheKeep})`);
  }
  let registered;
  if (succeeded && outputs && input.register !== void 0) {
    const { openRegistry } = await import("./open-YPQVVVLF.mjs");
    const registry = await openRegistry(input.registry, backend);
    const outcome = await timed(
      "register",
      () => registry.register({
        model: input.register,
        directory: outputsDir,
        fileSet: outputs,
        labels: versionLabelsOf(record2, producer),
        attachments: [
          { kind: "lineage", mediaType: runRecordMediaType, content: recordBytes },
          { kind: "provenance", mediaType: provenanceMediaType, content: provenanceBytes }
        ]
      })
    );
    registered = {
      registry: registry.uri,
      model: outcome.version.model,
      version: outcome.version.version,
      contentDigest: outcome.version.contentDigest,
      created: outcome.created
    };
    checks.push(
      pass(
        "register",
        outcome.created ? `registered ${registered.model} version ${registered.version} in ${registered.registry}` : `${registered.model} version ${registered.version} in ${registered.registry} has the same content: this run's lineage was added to it`
      )
    );
  }
  const result = {
    step: "train",
    status: statusOf(checks),
    checks,
    runId,
    command: command ? {
      line: input.command,
      exitCode: command.exitCode,
      signal: command.signal,
      durationMs: command.durationMs,
      timedOut: command.timedOut
    } : null,
    inputs: { digest: inputs.digest, files: inputs.files.length, bytes: inputs.bytes },
    outputs: outputs ? { path: outputsPath, digest: outputs.digest, files: outputs.files.length, bytes: outputs.bytes } : null,
    params,
    metrics,
    cache: {
      store: input.cacheStore,
      key,
      status: cacheStatus,
      ...producer ? { producedBy: producer.runId } : {}
    },
    ...registered ? { registered } : {},
    ...record2.tracking ? { tracking: record2.tracking } : {},
    record: { runJson: posix2(relative3(cwd, runJson)), provenance: posix2(relative3(cwd, provenanceFile)) },
    timings
  };
  const markdown = renderReport2(result);
  const files = await writeStepReports(outDir, result, markdown);
  return {
    result,
    headline: headlineOf2(result),
    markdown,
    outputs: {
      "run-id": runId,
      "cache-status": cacheStatus,
      "outputs-digest": outputs?.digest ?? "",
      "model-version": registered?.version ?? "",
      "tracking-url": record2.tracking?.url ?? "",
      "run-record": result.record.runJson
    },
    files
  };
}
function pass(name, message) {
  return { name, status: "passed", severity: "error", message };
}
function fail(name, message) {
  return { name, status: "failed", severity: "error", message };
}
function describeOutputs(path, outputs) {
  return `${outputs.files.length} files in ${path}/, ${formatBytes(outputs.bytes)}, ${outputs.digest}`;
}
async function runFresh(input, run3) {
  const { cwd, outputsDir, outDir, runId, params } = run3;
  const aside = join6(outDir, "tmp", `${runId}-previous-outputs`);
  const hadOutputs = existsSync3(outputsDir);
  if (hadOutputs) {
    await mkdir2(join6(outDir, "tmp"), { recursive: true });
    await rename2(outputsDir, aside);
  }
  await mkdir2(outputsDir, { recursive: true });
  const paramsFile = join6(outDir, "params.json");
  await writeFileAtomic(paramsFile, `${JSON.stringify(params, null, 2)}
`);
  const variables = {
    MLCI_RUN_ID: runId,
    MLCI_OUTPUTS: outputsDir,
    MLCI_PARAMS_FILE: paramsFile
  };
  if (input.metrics !== void 0) variables.MLCI_METRICS_FILE = resolve8(cwd, input.metrics);
  for (const [name, value] of Object.entries(flattenParams(params))) variables[paramVariable(name)] = value;
  run3.logger.info(`running: ${input.command}`);
  const putBack = async () => {
    if (!hadOutputs) return;
    await rm4(outputsDir, { recursive: true, force: true });
    await rename2(aside, outputsDir);
  };
  let command;
  try {
    command = await runCommand(input.command, {
      cwd,
      env: { ...process.env, ...variables },
      ...input.timeout === void 0 ? {} : { timeoutSeconds: input.timeout }
    });
  } catch (error) {
    await putBack();
    throw error;
  }
  if (command.exitCode === commandNotFoundStatus && !command.timedOut) {
    await putBack();
    throw new InputError(`command: the shell could not find the command (exit 127): ${input.command}`);
  }
  const check2 = command.timedOut ? fail("command", `killed after the timeout of ${input.timeout} s, with the processes it started`) : command.exitCode === 0 ? pass("command", `exited 0 after ${(command.durationMs / 1e3).toFixed(1)} s`) : command.signal ? fail("command", `killed by ${command.signal}`) : fail("command", `the command exited with status ${command.exitCode}`);
  return {
    command,
    check: check2,
    settle: async (succeeded) => {
      if (succeeded) {
        await rm4(aside, { recursive: true, force: true });
        return;
      }
      const kept = join6(outDir, "failed-outputs");
      await rm4(kept, { recursive: true, force: true });
      await mkdir2(outDir, { recursive: true });
      await rename2(outputsDir, kept);
      if (hadOutputs) await rename2(aside, outputsDir);
      else await mkdir2(outputsDir, { recursive: true });
    }
  };
}
async function readMetrics(cwd, file) {
  let text;
  try {
    text = await readFile5(resolve8(cwd, file), "utf8");
  } catch {
    return { metrics: {}, check: fail("metrics", `the command did not write the metrics file ${file}`) };
  }
  try {
    const metrics = parseMetrics(text, file);
    return { metrics, check: pass("metrics", `${Object.keys(metrics).length} metrics read from ${file}`) };
  } catch (error) {
    return { metrics: {}, check: fail("metrics", error.message) };
  }
}
async function restoreMetricsFile(cwd, file, outputsDir, metrics) {
  const path = resolve8(cwd, file);
  if (isInside(outputsDir, path)) return;
  await writeFileAtomic(path, `${JSON.stringify(metrics, null, 2)}
`);
}
function versionLabelsOf(record2, producer) {
  const made = producer ?? record2;
  const labels = {
    [versionLabels.runId]: made.runId,
    [versionLabels.created]: made.finishedAt,
    [versionLabels.inputsDigest]: made.inputs.digest
  };
  if (made.git.commit) labels[versionLabels.revision] = made.git.commit;
  const repository = made.ci.repository;
  if (repository && made.ci.platform === "github")
    labels[versionLabels.source] = `https://github.com/${repository}`;
  else if (repository && made.ci.runUrl && made.ci.platform === "gitlab")
    labels[versionLabels.source] = `${new URL(made.ci.runUrl).origin}/${repository}`;
  return labels;
}
function trackingTagsOf(record2, tags) {
  const values = {
    [tags.sourceName]: record2.command,
    [tags.sourceType]: "JOB",
    [tags.runId]: record2.runId,
    [tags.inputsDigest]: record2.inputs.digest,
    [tags.cacheStatus]: record2.cache.status
  };
  if (record2.outputs) values[tags.outputsDigest] = record2.outputs.digest;
  if (record2.git.commit) values[tags.gitCommit] = record2.git.commit;
  if (record2.ci.branch) values[tags.gitBranch] = record2.ci.branch;
  if (record2.ci.actor) values[tags.user] = record2.ci.actor;
  return values;
}

// packages/core/src/steps/validate-data/index.ts
import { existsSync as existsSync4 } from "node:fs";
import { relative as relative4, resolve as resolve9 } from "node:path";

// packages/core/src/steps/validate-data/schema.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile as readFile6 } from "node:fs/promises";

// packages/core/src/steps/validate-data/hygiene.ts
var defaultHygieneConfig = {
  columns: { enabled: true, severity: "error" },
  duplicates: { enabled: true, severity: "warn", maxFraction: 0.05 },
  overlap: { enabled: true, severity: "error", maxFraction: 0 },
  conflictingLabels: { enabled: true, severity: "error", maxFraction: 0 },
  unseenCategories: {
    enabled: true,
    severity: "warn",
    maxFraction: 0,
    maxDistinct: 1e4,
    maxDistinctFraction: 0.5
  },
  leakage: { enabled: true, severity: "error", maxScore: 0.95, bins: 10 }
};
var alwaysCategorical = 20;
var maxLabelClasses = 20;
var hygieneKeys = [
  "columns",
  "duplicates",
  "overlap",
  "conflicting_labels",
  "unseen_categories",
  "leakage"
];
var severitySchema = _enum(["error", "warn"]);
var fraction = number().min(0).max(1);
function checkSettings(shape) {
  return preprocess(
    (input) => input === false ? { enabled: false } : input === true || input === null ? {} : input,
    object({ ...shape, enabled: boolean().optional(), severity: severitySchema.optional() }).strict()
  );
}
var rawHygieneSchema = object({
  columns: checkSettings({}).optional(),
  duplicates: checkSettings({ max_fraction: fraction.optional() }).optional(),
  overlap: checkSettings({ max_fraction: fraction.optional() }).optional(),
  conflicting_labels: checkSettings({ max_fraction: fraction.optional() }).optional(),
  unseen_categories: checkSettings({
    max_fraction: fraction.optional(),
    max_distinct: number().int().min(1).optional(),
    max_distinct_fraction: fraction.optional()
  }).optional(),
  leakage: checkSettings({
    max_score: fraction.optional(),
    bins: number().int().min(2).max(1e3).optional()
  }).optional()
}).strict();
function merge(defaults, raw, values) {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== void 0));
  return {
    ...defaults,
    ...given,
    severity: raw?.severity ?? defaults.severity,
    enabled: raw?.enabled ?? defaults.enabled
  };
}
var hygieneConfigSchema = preprocess((input) => input ?? {}, rawHygieneSchema).transform((r) => {
  const d = defaultHygieneConfig;
  return {
    columns: merge(d.columns, r.columns, {}),
    duplicates: merge(d.duplicates, r.duplicates, { maxFraction: r.duplicates?.max_fraction }),
    overlap: merge(d.overlap, r.overlap, { maxFraction: r.overlap?.max_fraction }),
    conflictingLabels: merge(d.conflictingLabels, r.conflicting_labels, {
      maxFraction: r.conflicting_labels?.max_fraction
    }),
    unseenCategories: merge(d.unseenCategories, r.unseen_categories, {
      maxFraction: r.unseen_categories?.max_fraction,
      maxDistinct: r.unseen_categories?.max_distinct,
      maxDistinctFraction: r.unseen_categories?.max_distinct_fraction
    }),
    leakage: merge(d.leakage, r.leakage, { maxScore: r.leakage?.max_score, bins: r.leakage?.bins })
  };
});
async function checkHygiene(train, test, options) {
  const { label, config } = options;
  if (label !== void 0) {
    for (const set of [train, test]) {
      if (!set.columns.some((column) => column.name === label)) {
        throw new InputError(
          `${set.file}: no label column ${JSON.stringify(label)} (columns: ${set.columns.slice(0, 10).map((column) => column.name).join(", ")}${set.columns.length > 10 ? ", \u2026" : ""})`
        );
      }
    }
  }
  const testColumns = new Map(test.columns.map((column) => [column.name, column]));
  const trainNames = new Set(train.columns.map((column) => column.name));
  const shared = [];
  for (const column of train.columns) {
    const other = testColumns.get(column.name);
    if (!other) continue;
    const sameType = column.type === other.type;
    const id = quoteIdentifier(column.name);
    shared.push({
      name: column.name,
      train: column,
      test: other,
      sql: sameType ? id : `CAST(${id} AS VARCHAR)`,
      sameType
    });
  }
  const onlyInTrain = train.columns.filter((column) => !testColumns.has(column.name)).map((c) => c.name);
  const onlyInTest = test.columns.filter((column) => !trainNames.has(column.name)).map((c) => c.name);
  const features = shared.filter((column) => column.name !== label);
  const labelColumn = shared.find((column) => column.name === label);
  const checks = [];
  const location = (key) => {
    if (options.schemaFile === void 0) return void 0;
    const line = options.lines?.[key] ?? options.lines?.section;
    return { file: options.schemaFile, ...line === void 0 ? {} : { line } };
  };
  const add = (key, settings, name, column, ok, message, expected, observed) => {
    const status = ok ? "passed" : settings.severity === "error" ? "failed" : "warned";
    const where = location(key);
    checks.push({
      name,
      ...column === void 0 ? {} : { column },
      status,
      severity: settings.severity,
      message,
      ...expected === void 0 ? {} : { expected },
      ...observed === void 0 ? {} : { observed },
      ...where ? { location: where } : {}
    });
    return status;
  };
  const trainDuplicates = await duplicateRows(train, config.duplicates);
  const testDuplicates = await duplicateRows(test, config.duplicates);
  const summary = {
    train: { file: train.file, rows: trainDuplicates.rows, columns: train.columns.length },
    test: { file: test.file, rows: testDuplicates.rows, columns: test.columns.length },
    ...label === void 0 ? {} : { label },
    columns: { onlyInTrain, onlyInTest }
  };
  if (config.columns.enabled) {
    const ok = onlyInTrain.length === 0 && onlyInTest.length === 0;
    const parts = [
      onlyInTrain.length > 0 ? `only in ${train.file}: ${listed(onlyInTrain)}` : "",
      onlyInTest.length > 0 ? `only in ${test.file}: ${listed(onlyInTest)}` : ""
    ].filter(Boolean);
    summary.columns.status = add(
      "columns",
      config.columns,
      "columns(train, test)",
      void 0,
      ok,
      ok ? `both sets have the same ${plural(shared.length, "column")}` : `${parts.join("; ")} (the other checks compare the ${plural(shared.length, "shared column")})`,
      "same columns",
      ok ? void 0 : { onlyInTrain, onlyInTest }
    );
  }
  if (config.duplicates.enabled) {
    for (const [set, found] of [
      ["train", trainDuplicates],
      ["test", testDuplicates]
    ]) {
      const file = set === "train" ? train.file : test.file;
      found.status = add(
        "duplicates",
        config.duplicates,
        `duplicates(${set})`,
        void 0,
        found.fraction <= found.maxFraction,
        found.duplicates === 0 ? `no row of ${file} repeats another (${plural(found.rows, "row")})` : `${found.duplicates} of ${plural(found.rows, "row")} of ${file} (${percent2(found.fraction)}) repeat an earlier row; at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)} (${e.count} times)`).join(", ")}`,
        found.maxFraction,
        rounded(found.fraction)
      );
    }
    summary.duplicates = { train: trainDuplicates, test: testDuplicates };
  }
  const needsPairs = config.overlap.enabled || label !== void 0 && config.conflictingLabels.enabled;
  const pairs = needsPairs ? await sharedRows(train, test, features, labelColumn) : void 0;
  const testRows = summary.test.rows;
  if (config.overlap.enabled && pairs) {
    const comparedBy = label === void 0 ? "rows" : "features";
    const what = label === void 0 ? `all ${plural(features.length, "shared column")}` : `the ${plural(features.length, "feature column")}, label excluded`;
    const fraction2 = testRows === 0 ? 0 : pairs.overlapRows / testRows;
    const overlap = {
      status: "passed",
      comparedBy,
      columns: features.length,
      rows: pairs.overlapRows,
      fraction: fraction2,
      maxFraction: config.overlap.maxFraction,
      examples: pairs.overlapExamples
    };
    if (features.length === 0) overlap.skipped = "no feature columns to compare";
    overlap.status = add(
      "overlap",
      config.overlap,
      "overlap(train, test)",
      void 0,
      fraction2 <= overlap.maxFraction,
      overlap.skipped ? `not checked: ${overlap.skipped}` : pairs.overlapRows === 0 ? `no test row appears in the training set (compared by ${what})` : `${pairs.overlapRows} of ${plural(testRows, "test row")} (${percent2(fraction2)}) also appear in the training set (compared by ${what}); at most ${percent2(overlap.maxFraction)} allowed; e.g. ${overlap.examples.map((e) => shownRow(e.row)).join(", ")}`,
      overlap.maxFraction,
      { rows: pairs.overlapRows, fraction: rounded(fraction2) }
    );
    summary.overlap = overlap;
  }
  if (label !== void 0 && labelColumn && config.conflictingLabels.enabled && pairs) {
    const settings = config.conflictingLabels;
    const withinTrain = await trainConflicts(train, features, labelColumn, settings.maxFraction);
    const across = {
      status: "passed",
      groups: pairs.conflictGroups,
      rows: pairs.conflictRows,
      fraction: pairs.labelledRows === 0 ? 0 : pairs.conflictRows / pairs.labelledRows,
      maxFraction: settings.maxFraction,
      examples: pairs.conflictExamples
    };
    for (const [name, found, where, total] of [
      ["conflicting_labels(train)", withinTrain, "of the training set", withinTrain.labelled],
      ["conflicting_labels(train, test)", across, "across both sets", pairs.labelledRows]
    ]) {
      if (features.length === 0) found.skipped = "no feature columns to compare";
      found.status = add(
        "conflicting_labels",
        settings,
        name,
        void 0,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.groups === 0 ? `no identical features with different labels ${where}` : `${plural(found.groups, "group")} of identical features ${where} with different labels (${found.rows} of ${plural(total, "labelled row")}, ${percent2(found.fraction)}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)}: ${showLabels(e)}`).join("; ")}`,
        found.maxFraction,
        { groups: found.groups, rows: found.rows, fraction: rounded(found.fraction) }
      );
    }
    const { labelled: _labelled, ...trainSummary } = withinTrain;
    summary.conflictingLabels = { train: trainSummary, trainTest: across };
  }
  const needsProfile = config.unseenCategories.enabled || label !== void 0 && config.leakage.enabled;
  const profile = needsProfile ? await trainProfile(train, shared, labelColumn, config.leakage.bins) : void 0;
  if (config.unseenCategories.enabled && profile) {
    const settings = config.unseenCategories;
    const unseen = await unseenCategories(train, test, shared, profile, settings, testRows);
    for (const found of unseen) {
      found.status = add(
        "unseen_categories",
        settings,
        "unseen_categories",
        found.column,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.rows === 0 ? `every test value occurs in the training set (${plural(found.trainDistinct, "category", "categories")})` : `${found.rows} of ${plural(testRows, "test row")} (${percent2(found.fraction)}) have a value never seen in the training set (${plural(found.values, "new value")}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${show(e.value)} (${e.count})`).join(", ")}`,
        found.maxFraction,
        found.skipped ? void 0 : { rows: found.rows, fraction: rounded(found.fraction), values: found.values }
      );
    }
    summary.unseenCategories = unseen;
  }
  if (label !== void 0 && labelColumn && config.leakage.enabled && profile) {
    const settings = config.leakage;
    const scores = await leakageScores(train, test, features, labelColumn, profile, settings);
    summary.labelBinned = profile.labelEdges !== void 0;
    for (const found of scores) {
      const ok = found.skipped !== void 0 || found.score < found.maxScore;
      found.status = add(
        "leakage",
        settings,
        "leakage",
        found.column,
        ok,
        found.skipped ? `not checked: ${found.skipped}` : `${ok ? "" : "predicts the label almost alone: "}score ${found.score.toFixed(3)} (accuracy ${found.accuracy.toFixed(3)} on the test set vs ${found.baseline.toFixed(3)} by the majority label); ${ok ? "below" : "at least"} ${found.maxScore}`,
        found.maxScore,
        found.skipped ? void 0 : rounded(found.score)
      );
    }
    summary.leakage = [...scores].sort(
      (a, b) => b.score - a.score || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)
    );
  }
  return { checks, summary };
}
function rowStruct(columns) {
  return `{${columns.map((column) => `${quoteText(column.name)}: ${column.sql}`).join(", ")}}`;
}
async function duplicateRows(table2, { enabled, maxFraction }) {
  if (!enabled) {
    const [row2] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
    const rows2 = count(row2?.n);
    return { status: "passed", rows: rows2, duplicates: 0, fraction: 0, maxFraction, examples: [] };
  }
  const columns = table2.columns.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await table2.query(
    `SELECT coalesce(sum(n), 0) AS mlci_rows, coalesce(sum(n - 1), 0) AS mlci_surplus,
       min_by({row: r, n: n}, {a: -n, b: r}, ${exampleCount}) FILTER (WHERE n > 1) AS mlci_examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(*) AS n FROM ${table2.relation} GROUP BY ALL)`
  );
  const rows = count(row?.mlci_rows);
  const duplicates2 = count(row?.mlci_surplus);
  const examples = (row?.mlci_examples ?? []).map((e) => ({
    row: jsonRow(e.row),
    count: count(e.n)
  }));
  return {
    status: "passed",
    rows,
    duplicates: duplicates2,
    fraction: rows === 0 ? 0 : duplicates2 / rows,
    maxFraction,
    examples
  };
}
async function sharedRows(train, test, features, label) {
  const labelSql = label ? label.sql : "NULL";
  const select2 = (set, side) => `SELECT ${rowStruct(features)} AS r, ${labelSql} AS l, ${side} AS s FROM ${set.relation}`;
  if (features.length === 0) {
    const [labelled] = label ? await train.query(
      `SELECT (SELECT count(${label.sql}) FROM ${train.relation}) + (SELECT count(${label.sql}) FROM ${test.relation}) AS n`
    ) : [];
    return {
      overlapRows: 0,
      overlapExamples: [],
      labelledRows: count(labelled?.n),
      conflictGroups: 0,
      conflictRows: 0,
      conflictExamples: []
    };
  }
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, coalesce(sum(test_n) FILTER (WHERE in_both), 0) AS overlap_rows,
       min_by({row: r, train: train_n, test: test_n}, {a: -test_n, b: r}, ${exampleCount}) FILTER (WHERE in_both) AS overlap_examples,
       count(*) FILTER (WHERE in_both AND lo <> hi) AS conflict_groups,
       coalesce(sum(labelled) FILTER (WHERE in_both AND lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, train: [train_lo, train_hi], test: [test_lo, test_hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE in_both AND lo <> hi) AS conflict_examples
     FROM (
       SELECT r, count(*) FILTER (WHERE s = 0) AS train_n, count(*) FILTER (WHERE s = 1) AS test_n,
         count(l) AS labelled, min(l) AS lo, max(l) AS hi,
         min(l) FILTER (WHERE s = 0) AS train_lo, max(l) FILTER (WHERE s = 0) AS train_hi,
         min(l) FILTER (WHERE s = 1) AS test_lo, max(l) FILTER (WHERE s = 1) AS test_hi,
         bool_or(s = 0) AND bool_or(s = 1) AS in_both
       FROM (${select2(train, 0)} UNION ALL ${select2(test, 1)})
       GROUP BY r)`
  );
  return {
    overlapRows: count(row?.overlap_rows),
    overlapExamples: (row?.overlap_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      train: count(e.train),
      test: count(e.test)
    })),
    labelledRows: count(row?.labelled),
    conflictGroups: count(row?.conflict_groups),
    conflictRows: count(row?.conflict_rows),
    conflictExamples: (row?.conflict_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.train),
      testLabels: distinctValues(e.test)
    }))
  };
}
async function trainConflicts(train, features, label, maxFraction) {
  const labelSql = quoteIdentifier(label.name);
  if (features.length === 0) {
    const [row2] = await train.query(`SELECT count(${labelSql}) AS n FROM ${train.relation}`);
    return {
      status: "passed",
      groups: 0,
      rows: 0,
      fraction: 0,
      maxFraction,
      examples: [],
      labelled: count(row2?.n)
    };
  }
  const columns = features.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, count(*) FILTER (WHERE lo <> hi) AS groups,
       coalesce(sum(labelled) FILTER (WHERE lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, labels: [lo, hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE lo <> hi) AS examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(${labelSql}) AS labelled, min(${labelSql}) AS lo, max(${labelSql}) AS hi
           FROM ${train.relation} GROUP BY r)`
  );
  const labelled = count(row?.labelled);
  const rows = count(row?.conflict_rows);
  return {
    status: "passed",
    groups: count(row?.groups),
    rows,
    fraction: labelled === 0 ? 0 : rows / labelled,
    maxFraction,
    examples: (row?.examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.labels)
    })),
    labelled
  };
}
function binnable(column) {
  const category = categoryOf(column.train.type);
  return column.sameType && (category === "integer" || category === "number" || category === "date" || category === "datetime");
}
function numericSql(column) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.train.type);
  return category === "date" || category === "datetime" ? `epoch(${id})` : `CAST(${id} AS DOUBLE)`;
}
function isText(column) {
  return categoryOf(column.train.type) === "string";
}
async function trainProfile(train, shared, label, bins) {
  const quantiles = `[${Array.from({ length: bins - 1 }, (_, index) => ((index + 1) / bins).toString()).join(", ")}]`;
  const aggregates = new Aggregates("h");
  const text = /* @__PURE__ */ new Map();
  const edges = /* @__PURE__ */ new Map();
  for (const column of shared) {
    const id = quoteIdentifier(column.name);
    if (isText(column)) {
      text.set(column.name, {
        distinct: aggregates.add(`count(DISTINCT ${id})`),
        nonNull: aggregates.add(`count(${id})`)
      });
    }
    if (binnable(column))
      edges.set(column.name, aggregates.add(`quantile_disc(${numericSql(column)}, ${quantiles})`));
  }
  let labelDistinct;
  if (label && binnable(label) && ["integer", "number"].includes(categoryOf(label.train.type))) {
    labelDistinct = aggregates.add(`count(DISTINCT ${quoteIdentifier(label.name)})`);
  }
  const row = await aggregates.run(train);
  const edgesOf = (alias) => [...new Set((row[alias ?? ""] ?? []).map(Number))].filter((edge) => Number.isFinite(edge)).sort((a, b) => a - b);
  return {
    text: new Map(
      [...text].map(([name, aliases]) => [
        name,
        { distinct: count(row[aliases.distinct]), nonNull: count(row[aliases.nonNull]) }
      ])
    ),
    edges: new Map([...edges].map(([name, alias]) => [name, edgesOf(alias)])),
    ...label && labelDistinct !== void 0 && count(row[labelDistinct]) > maxLabelClasses ? { labelEdges: edgesOf(edges.get(label.name)) } : {}
  };
}
async function unseenCategories(train, test, shared, profile, settings, testRows) {
  const results = [];
  const checked2 = [];
  for (const column of shared) {
    const stats = profile.text.get(column.name);
    if (!stats) continue;
    const found = {
      status: "passed",
      column: column.name,
      rows: 0,
      values: 0,
      fraction: 0,
      maxFraction: settings.maxFraction,
      trainDistinct: stats.distinct,
      examples: []
    };
    if (stats.distinct > settings.maxDistinct) {
      found.skipped = `${stats.distinct} distinct training values, more than ${settings.maxDistinct} (an id or free text?)`;
    } else if (stats.distinct > alwaysCategorical && stats.distinct > settings.maxDistinctFraction * stats.nonNull) {
      found.skipped = `${stats.distinct} distinct values in ${stats.nonNull} training values, more than ${percent2(settings.maxDistinctFraction)} (an id or free text?)`;
    } else {
      checked2.push(found);
    }
    results.push(found);
  }
  if (checked2.length === 0) return results;
  const unnest = (set, cast) => `SELECT unnest([${checked2.map((_, index) => index).join(", ")}]) AS c, unnest([${checked2.map((found) => {
    const id = quoteIdentifier(found.column);
    return cast ? `CAST(${id} AS VARCHAR)` : id;
  }).join(", ")}]) AS v FROM ${set.relation}`;
  const testTyped = new Map(shared.map((column) => [column.name, column.test.type]));
  const castTest = checked2.some((found) => categoryOf(testTyped.get(found.column) ?? "") !== "string");
  const rows = await train.query(
    `SELECT c, sum(n) AS rows, count(*) AS values, min_by({v: v, n: n}, {a: -n, b: v}, ${exampleCount}) AS examples
     FROM (
       SELECT t.c, t.v, count(*) AS n
       FROM (${unnest(test, castTest)}) t
       ANTI JOIN (SELECT DISTINCT c, v FROM (${unnest(train, false)}) WHERE v IS NOT NULL) s ON t.c = s.c AND t.v = s.v
       WHERE t.v IS NOT NULL
       GROUP BY t.c, t.v)
     GROUP BY c`
  );
  for (const row of rows) {
    const found = checked2[count(row.c)];
    if (!found) continue;
    found.rows = count(row.rows);
    found.values = count(row.values);
    found.fraction = testRows === 0 ? 0 : found.rows / testRows;
    found.examples = (row.examples ?? []).map((e) => ({
      value: plain(e.v),
      count: count(e.n)
    }));
  }
  return results;
}
function binSql(value, edges) {
  if (edges.length === 0) return `CASE WHEN ${value} IS NULL THEN NULL ELSE '0' END`;
  const cases = edges.map((edge, index) => `WHEN ${value} <= ${doubleLiteral(edge)} THEN '${index}'`);
  return `CASE WHEN ${value} IS NULL THEN NULL ${cases.join(" ")} ELSE '${edges.length}' END`;
}
function doubleLiteral(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
async function leakageScores(train, test, features, label, profile, settings) {
  const results = features.map((column) => ({
    status: "passed",
    column: column.name,
    kind: profile.edges.has(column.name) ? "binned" : "categorical",
    score: 0,
    accuracy: 0,
    baseline: 0,
    maxScore: settings.maxScore
  }));
  if (features.length === 0) return results;
  const keys = features.map((column) => {
    const edges = profile.edges.get(column.name);
    return edges ? binSql(numericSql(column), edges) : `CAST(${quoteIdentifier(column.name)} AS VARCHAR)`;
  });
  const labelId = quoteIdentifier(label.name);
  const labelKey = profile.labelEdges ? binSql(`CAST(${labelId} AS DOUBLE)`, profile.labelEdges) : `CAST(${labelId} AS VARCHAR)`;
  const unnest = (set) => `SELECT unnest([${features.map((_, index) => index).join(", ")}]) AS f, unnest([${keys.join(", ")}]) AS k, ${labelKey} AS l
     FROM ${set.relation} WHERE ${labelId} IS NOT NULL`;
  const rows = await train.query(
    `WITH counts AS (SELECT f, k, l, count(*) AS n FROM (${unnest(train)}) GROUP BY ALL),
       predicted AS (SELECT f, k, min_by(l, {a: -n, b: l}) AS p FROM counts GROUP BY f, k),
       majority AS (SELECT min_by(l, {a: -n, b: l}) AS m FROM (SELECT l, sum(n) AS n FROM counts WHERE f = 0 GROUP BY l))
     SELECT t.f, count(*) AS rows,
       count(*) FILTER (WHERE coalesce(p.p, (SELECT m FROM majority)) = t.l) AS hits,
       count(*) FILTER (WHERE (SELECT m FROM majority) = t.l) AS baseline_hits
     FROM (${unnest(test)}) t LEFT JOIN predicted p ON p.f = t.f AND p.k IS NOT DISTINCT FROM t.k
     GROUP BY t.f`
  );
  const byFeature = new Map(rows.map((row) => [count(row.f), row]));
  results.forEach((found, index) => {
    const row = byFeature.get(index);
    const evaluated = count(row?.rows);
    if (evaluated === 0) {
      found.skipped = "the test set has no labelled rows";
      return;
    }
    found.accuracy = count(row?.hits) / evaluated;
    found.baseline = count(row?.baseline_hits) / evaluated;
    found.score = found.baseline >= 1 ? 0 : Math.max(0, (found.accuracy - found.baseline) / (1 - found.baseline));
  });
  return results;
}
function jsonRow(value) {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}
function distinctValues(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const values = [];
  for (const item of value.map(plain)) {
    if (item === null || item === void 0) continue;
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(item);
  }
  return values;
}
function showLabels(example) {
  const list = (values) => values.map(show).join(" and ");
  if (example.testLabels === void 0) return `labels ${list(example.labels)}`;
  const train = example.labels.length > 0 ? `train ${list(example.labels)}` : "";
  const test = example.testLabels.length > 0 ? `test ${list(example.testLabels)}` : "";
  return [train, test].filter(Boolean).join(", ");
}
var maxRowText = 160;
function shownRow(row) {
  const text = show(row);
  return text.length > maxRowText ? `${text.slice(0, maxRowText - 1)}\u2026` : text;
}
function code(text) {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}
function percent2(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
function rounded(value) {
  return Number(value.toPrecision(6));
}
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
function listed(names) {
  return `${names.slice(0, 10).map(show).join(", ")}${names.length > 10 ? `, \u2026 (${names.length})` : ""}`;
}
var statusIcons = { passed: "\u2705", failed: "\u274C", warned: "\u26A0\uFE0F" };
var maxListed = 10;
function renderHygiene(summary) {
  const { train, test, label } = summary;
  const lines = [
    "### Train/test hygiene",
    "",
    `**Train:** ${code(train.file)} (${plural(train.rows, "row")}) \xB7 **Test:** ${code(test.file)} (${plural(test.rows, "row")})${label === void 0 ? "" : ` \xB7 **Label:** ${code(label)}${summary.labelBinned ? " (binned: numeric with many values)" : ""}`}`,
    ""
  ];
  const rows = [];
  const details = [];
  const icon = (status, skipped) => skipped ? "\u2796" : status ? statusIcons[status] : "";
  const flagged = (status) => status === "failed" || status === "warned";
  if (summary.columns.status) {
    const { onlyInTrain, onlyInTest } = summary.columns;
    const same = onlyInTrain.length === 0 && onlyInTest.length === 0;
    rows.push([
      icon(summary.columns.status),
      "same columns",
      same ? "yes" : [
        onlyInTrain.length > 0 ? `only in train: ${listed(onlyInTrain)}` : "",
        onlyInTest.length > 0 ? `only in test: ${listed(onlyInTest)}` : ""
      ].filter(Boolean).join("; "),
      ""
    ]);
  }
  if (summary.duplicates) {
    for (const [set, found] of Object.entries(summary.duplicates)) {
      rows.push([
        icon(found.status),
        `duplicate rows (${set})`,
        `${found.duplicates} of ${found.rows} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Duplicate rows (${set}):**`,
          "",
          ...found.examples.map((e) => `- ${code(shownRow(e.row))} \xD7 ${e.count}`),
          ""
        );
      }
    }
  }
  if (summary.overlap) {
    const found = summary.overlap;
    rows.push([
      icon(found.status, found.skipped),
      `test rows also in train (by ${found.comparedBy === "features" ? "features" : "whole rows"})`,
      found.skipped ?? `${found.rows} of ${test.rows} (${percent2(found.fraction)})`,
      `\u2264 ${percent2(found.maxFraction)}`
    ]);
    if (flagged(found.status) && found.examples.length > 0) {
      details.push(
        "**Test rows also in train:**",
        "",
        ...found.examples.map((e) => `- ${code(shownRow(e.row))} (train \xD7 ${e.train}, test \xD7 ${e.test})`),
        ""
      );
    }
  }
  if (summary.conflictingLabels) {
    for (const [what, found] of [
      ["train", summary.conflictingLabels.train],
      ["train + test", summary.conflictingLabels.trainTest]
    ]) {
      rows.push([
        icon(found.status, found.skipped),
        `conflicting labels (${what})`,
        found.skipped ?? `${plural(found.groups, "group")}, ${plural(found.rows, "row")} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Conflicting labels (${what}):**`,
          "",
          ...found.examples.map((e) => `- ${code(shownRow(e.row))}: ${showLabels(e)}`),
          ""
        );
      }
    }
  }
  if (summary.unseenCategories) {
    const checked2 = summary.unseenCategories.filter((found) => !found.skipped);
    const withNew = checked2.filter((found) => found.rows > 0).sort((a, b) => b.rows - a.rows);
    const skipped = summary.unseenCategories.length - checked2.length;
    const worst = withNew.some((found) => found.status === "failed") ? "failed" : withNew.some((found) => found.status === "warned") ? "warned" : "passed";
    rows.push([
      icon(worst),
      "categories unseen in train",
      `${withNew.length} of ${plural(checked2.length, "text column")} with new values${skipped > 0 ? ` (${skipped} skipped: too many distinct values)` : ""}`,
      `\u2264 ${percent2(summary.unseenCategories[0]?.maxFraction ?? 0)} of test rows`
    ]);
    if (withNew.length > 0) {
      details.push(
        "**Categories unseen in train:**",
        "",
        table(
          ["Column", "Test rows", "New values", "Examples"],
          withNew.slice(0, maxListed).map((found) => [
            found.column,
            `${found.rows} (${percent2(found.fraction)})`,
            String(found.values),
            found.examples.map((e) => `${show(e.value)} \xD7 ${e.count}`).join(", ")
          ])
        ),
        ...withNew.length > maxListed ? ["", `\u2026 and ${withNew.length - maxListed} more columns`] : [],
        ""
      );
    }
  }
  if (summary.leakage) {
    const evaluated = summary.leakage.filter((found) => !found.skipped);
    const leaking = evaluated.filter((found) => flagged(found.status));
    const maxScore = summary.leakage[0]?.maxScore ?? 0;
    const top = evaluated[0];
    rows.push([
      icon(
        leaking.some((found) => found.status === "failed") ? "failed" : leaking.length > 0 ? "warned" : "passed",
        evaluated.length === 0 ? summary.leakage[0]?.skipped : void 0
      ),
      "single-feature leakage",
      evaluated.length === 0 ? summary.leakage[0]?.skipped ?? "no features" : leaking.length > 0 ? leaking.map((found) => `${code(found.column)} (${found.score.toFixed(2)})`).join(", ") : `highest: ${code(top?.column ?? "")} (${top?.score.toFixed(2)})`,
      `score < ${maxScore}`
    ]);
    if (evaluated.length > 0) {
      details.push(
        "<details><summary>Predictive power of single features (leakage)</summary>",
        "",
        table(
          ["Feature", "Score", "Accuracy", "Baseline", "Values"],
          evaluated.slice(0, maxListed).map((found) => [
            `${found.status === "passed" ? "" : `${statusIcons[found.status]} `}${found.column}`,
            found.score.toFixed(3),
            found.accuracy.toFixed(3),
            found.baseline.toFixed(3),
            found.kind
          ])
        ),
        "",
        "Score = (accuracy \u2212 baseline) / (1 \u2212 baseline), on the test set, predicting the label by the majority label of each value (or quantile bin) in train.",
        "",
        "</details>",
        ""
      );
    }
  }
  lines.push(table(["", "Check", "Result", "Threshold"], rows), "");
  if (details.length > 0) lines.push(...details);
  return `${lines.join("\n").trimEnd()}
`;
}

// packages/core/src/steps/validate-data/input.ts
var dataFormats = ["csv", "tsv", "jsonl", "parquet"];
var driftTests = ["auto", "ks", "chi-square", "wasserstein", "jensen-shannon", "psi"];
var validateDataInput = object({
  data: string().min(1).optional().describe("Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet."),
  schema: string().min(1).optional().describe("Schema file (YAML) the data must satisfy."),
  inferSchema: string().min(1).optional().describe(
    "Write a starting schema inferred from the data to this file (YAML), then check the data against it."
  ),
  force: boolean().default(false).describe("Allow infer-schema and write-profile to replace a file that already exists."),
  format: _enum(dataFormats).optional().describe("Format of the data file; by default taken from its extension."),
  reference: string().min(1).optional().describe(
    "Reference to compare the data with for drift: a data file, or a profile from write-profile."
  ),
  writeProfile: string().min(1).optional().describe(
    "Write the data's profile (counts, quantile bin edges, category frequencies, digest) to this JSON file, to pin as a reference or merge."
  ),
  mergeProfiles: array(string().min(1)).default([]).describe(
    "Profiles of the partitions of one data set (from write-profile) to check as a whole instead of data."
  ),
  test: string().min(1).optional().describe(
    "Test set to check with data as the training set: duplicates, overlap, conflicting labels, unseen categories, leakage."
  ),
  label: string().min(1).optional().describe("Label column of data and test, for the train/test checks."),
  driftTest: _enum(driftTests).default("auto").describe(
    "Drift test for columns whose schema names none; auto picks by column type and reference size."
  ),
  driftThreshold: number().positive().optional().describe(
    "Drift threshold for columns whose schema sets none: a p-value for ks and chi-square (drift at p <= it), a distance for the others (drift at >= it)."
  ),
  driftShare: number().min(0).max(1).default(0.5).describe(
    "The data set has drifted, and the gate fails, when at least this share of compared columns drift."
  ),
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
}).superRefine((input, context) => {
  const issue = (path, message) => context.addIssue({ code: "custom", path: [path], message });
  const merging = input.mergeProfiles.length > 0;
  if (input.data === void 0 && !merging) issue("data", "is required (or merge-profiles)");
  if (input.data !== void 0 && merging)
    issue("mergeProfiles", "replaces data: give one of them, not both");
  if (input.schema !== void 0 && input.inferSchema !== void 0) {
    issue("inferSchema", "writes a schema: give schema or infer-schema, not both");
  }
  if (merging && input.inferSchema !== void 0) {
    issue("inferSchema", "needs the rows: it cannot infer a schema from merged profiles");
  }
  if (merging && input.test !== void 0)
    issue("test", "needs the rows: it cannot run on merged profiles");
  if (input.label !== void 0 && input.test === void 0) issue("label", "needs test (the test set)");
  const tasks = [input.schema, input.inferSchema, input.reference, input.test, input.writeProfile];
  if (tasks.every((task) => task === void 0) && (input.data !== void 0 || merging)) {
    issue(
      merging ? "mergeProfiles" : "data",
      "nothing to do with it: give schema, infer-schema, reference, test or write-profile"
    );
  }
});

// packages/core/src/steps/validate-data/schema.ts
var columnTypes = ["integer", "number", "string", "boolean", "date", "datetime"];
var columnsModes = ["exact", "ordered", "subset"];
var severitySchema2 = _enum(["error", "warn"]);
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function rule(value) {
  return preprocess(
    (input) => isPlainObject(input) ? input : { value: input },
    object({ value, severity: severitySchema2.optional() }).strict()
  );
}
var datePattern = /^\d{4}-\d{2}-\d{2}$/;
var datetimePattern = /^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$/;
function article(type) {
  return `${type === "integer" ? "an" : "a"} ${type}`;
}
function isCalendarDate(text) {
  const date = /* @__PURE__ */ new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
function misfit(value, type) {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value) || typeof value === "bigint" ? void 0 : "expected a whole number";
    case "number":
      return typeof value === "number" || typeof value === "bigint" ? void 0 : "expected a number";
    case "boolean":
      return typeof value === "boolean" ? void 0 : "expected true or false";
    case "date":
      return typeof value === "string" && datePattern.test(value) && isCalendarDate(value) ? void 0 : "expected a date like '2024-01-31'";
    case "datetime":
      return typeof value === "string" && datetimePattern.test(value) && isCalendarDate(value.slice(0, 10)) ? void 0 : "expected a date-time like '2024-01-31 12:00:00'";
    case "string":
      return typeof value === "string" ? void 0 : "expected text (quote it)";
  }
}
var boundSchema = union([number(), bigint(), string()]);
var scalarSchema = union([number(), bigint(), string(), boolean()]);
var columnSchema = object({
  description: string().optional(),
  type: rule(_enum(columnTypes)).optional(),
  required: rule(boolean()).optional(),
  nullable: rule(boolean()).optional(),
  max_null_fraction: rule(number().min(0).max(1)).optional(),
  min: rule(boundSchema).optional(),
  max: rule(boundSchema).optional(),
  allowed: rule(array(scalarSchema).min(1)).optional(),
  regex: rule(string().min(1)).optional(),
  unique: rule(boolean()).optional(),
  drift: union([
    literal(false),
    object({
      test: _enum(driftTests).optional(),
      threshold: number().positive().optional(),
      severity: severitySchema2.optional()
    }).strict()
  ]).optional(),
  severity: severitySchema2.optional()
}).strict().superRefine((column, context) => {
  if (column.nullable && column.max_null_fraction) {
    context.addIssue({
      code: "custom",
      path: ["max_null_fraction"],
      message: "give nullable or max_null_fraction, not both"
    });
  }
  const type = column.type?.value;
  for (const key of ["min", "max"]) {
    const bound2 = column[key]?.value;
    if (bound2 === void 0) continue;
    if (type === "string" || type === "boolean") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `does not apply to ${article(type)} column`
      });
    } else if (type !== void 0) {
      const reason = misfit(bound2, type);
      if (reason)
        context.addIssue({ code: "custom", path: [key], message: `${reason} for ${article(type)} column` });
    } else if (typeof bound2 === "string") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: "a date bound needs type: date or datetime"
      });
    }
  }
  const min8 = column.min?.value;
  const max6 = column.max?.value;
  if (min8 !== void 0 && max6 !== void 0 && typeof min8 === typeof max6 && min8 > max6) {
    context.addIssue({ code: "custom", path: ["min"], message: `is greater than max (${String(max6)})` });
  }
  if (type !== void 0 && column.allowed) {
    column.allowed.value.forEach((value, index) => {
      const reason = misfit(value, type);
      if (reason)
        context.addIssue({
          code: "custom",
          path: ["allowed", "value", index],
          message: `${reason} for ${article(type)} column`
        });
    });
  }
});
var tableSchema = object({
  columns: rule(_enum(columnsModes)).optional(),
  unique: array(rule(array(string()).min(1))).optional(),
  rows: object({
    min: rule(number().int().min(0)).optional(),
    max: rule(number().int().min(0)).optional()
  }).strict().optional(),
  severity: severitySchema2.optional()
}).strict();
var schemaFileSchema = object({
  version: literal(1).optional(),
  description: string().optional(),
  columns: record(string(), columnSchema.nullable()),
  table: tableSchema.optional(),
  // Lazy: hygiene.ts imports checks.ts, which imports this module.
  hygiene: lazy(() => hygieneConfigSchema).optional()
}).strict();
async function loadSchema(path, file) {
  let text;
  try {
    text = await readFile6(path, "utf8");
  } catch (error) {
    const code2 = error.code;
    if (code2 === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read schema file (${code2 ?? error})`);
  }
  return parseSchema(text, file);
}
function parseSchema(text, file) {
  const lineCounter = new import_yaml2.LineCounter();
  const document = (0, import_yaml2.parseDocument)(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    intAsBigInt: true
  });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const lineOf = (node) => {
    const range = node?.range;
    return range ? lineCounter.linePos(range[0]).line : void 0;
  };
  const value = smallIntegersAsNumbers(document.toJS());
  if (!isPlainObject(value)) throw new InputError(`${file}: expected a map with version and columns`);
  const parsed = schemaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((key) => typeof key === "number" ? key : String(key));
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    let node = document.contents;
    let parent;
    const shown = [];
    for (const key of path) {
      if (key === "value" && !((0, import_yaml2.isMap)(node) && node.has("value"))) continue;
      const next = getIn(node, [key]);
      if (next === void 0) {
        shown.push(...path.slice(path.indexOf(key)).filter((rest) => rest !== "value"));
        break;
      }
      parent = node;
      node = next;
      shown.push(key);
    }
    if (issue.code === "unrecognized_keys") node = keyNode(parent, String(path[path.length - 1])) ?? node;
    const line = lineOf(node);
    const message = issue.code === "unrecognized_keys" ? "unknown key" : /received undefined$/.test(issue.message) ? "is required" : issue.message;
    throw new InputError(`${file}${line ? `:${line}` : ""}: ${shown.join(".") || "(top level)"}: ${message}`);
  }
  const data = parsed.data;
  const tableNode = document.get("table", true);
  const tableSeverity = data.table?.severity ?? "error";
  const tableRule = (raw, path) => raw && {
    value: raw.value,
    severity: raw.severity ?? tableSeverity,
    line: lineOf(keyNode(getIn(tableNode, path.slice(0, -1)), path[path.length - 1]))
  };
  const columnsNode = document.get("columns", true);
  const columns = [];
  for (const pair of (0, import_yaml2.isMap)(columnsNode) ? columnsNode.items : []) {
    const name = (0, import_yaml2.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
    const raw = data.columns[name] ?? {};
    const severity = raw.severity ?? "error";
    const line = lineOf(pair.key);
    const columnRule = (value2, key) => value2 && {
      value: value2.value,
      severity: value2.severity ?? severity,
      line: lineOf(keyNode(pair.value, key)) ?? line
    };
    columns.push({
      name,
      ...line === void 0 ? {} : { line },
      ...raw.description === void 0 ? {} : { description: raw.description },
      type: columnRule(raw.type, "type"),
      required: columnRule(raw.required, "required") ?? {
        value: true,
        severity,
        ...line === void 0 ? {} : { line }
      },
      nullable: columnRule(raw.nullable, "nullable"),
      maxNullFraction: columnRule(raw.max_null_fraction, "max_null_fraction"),
      min: columnRule(raw.min, "min"),
      max: columnRule(raw.max, "max"),
      allowed: columnRule(raw.allowed, "allowed"),
      regex: columnRule(raw.regex, "regex"),
      unique: columnRule(raw.unique, "unique"),
      ...raw.drift === void 0 ? {} : {
        drift: {
          skip: raw.drift === false,
          ...raw.drift === false ? {} : raw.drift,
          severity: (raw.drift === false ? void 0 : raw.drift.severity) ?? "warn",
          line: lineOf(keyNode(pair.value, "drift")) ?? line
        }
      }
    });
  }
  const table2 = data.table;
  const tableLine = lineOf(keyNode(document.contents, "table"));
  const hygieneNode = document.get("hygiene", true);
  const hygieneLines = { section: lineOf(keyNode(document.contents, "hygiene")) };
  for (const key of hygieneKeys) hygieneLines[key] = lineOf(keyNode(hygieneNode, key));
  return {
    ...data.hygiene === void 0 ? {} : { hygiene: { config: data.hygiene, lines: hygieneLines } },
    file,
    ...data.description === void 0 ? {} : { description: data.description },
    columns,
    table: {
      columns: tableRule(table2?.columns, ["columns"]) ?? {
        value: "subset",
        severity: tableSeverity,
        ...tableLine === void 0 ? {} : { line: tableLine }
      },
      unique: (table2?.unique ?? []).map((key, index) => ({
        value: key.value,
        severity: key.severity ?? tableSeverity,
        line: lineOf(getIn(tableNode, ["unique", index]))
      })),
      rowsMin: tableRule(table2?.rows?.min, ["rows", "min"]),
      rowsMax: tableRule(table2?.rows?.max, ["rows", "max"])
    }
  };
}
function getIn(node, path) {
  let current = node;
  for (const key of path) {
    if (current === void 0 || current === null) return void 0;
    const collection = current;
    if (typeof collection.get !== "function") return void 0;
    current = collection.get(key, true);
  }
  return current;
}
function keyNode(map, key) {
  if (!(0, import_yaml2.isMap)(map) || key === void 0) return void 0;
  const pair = map.items.find(
    (item) => ((0, import_yaml2.isScalar)(item.key) ? String(item.key.value) : String(item.key)) === String(key)
  );
  return pair?.key;
}
function smallIntegersAsNumbers(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(smallIntegersAsNumbers);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, smallIntegersAsNumbers(item)])
    );
  }
  return value;
}

// packages/core/src/steps/validate-data/checks.ts
var exampleCount = 5;
function categoryOf(duckdbType) {
  const type = duckdbType.toUpperCase();
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return "integer";
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/.test(type)) return "number";
  if (type === "BOOLEAN") return "boolean";
  if (type === "DATE") return "date";
  if (/^TIMESTAMP(_S|_MS|_NS| WITH TIME ZONE|TZ)?$/.test(type)) return "datetime";
  if (type === "VARCHAR") return "string";
  return "other";
}
function isCompatible(category, declared) {
  return category === declared || declared === "number" && category === "integer" || declared === "datetime" && category === "date";
}
function columnValues(column, declared) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.type);
  const text = category === "string" ? id : `CAST(${id} AS VARCHAR)`;
  if (declared === void 0 || isCompatible(category, declared)) {
    const type = declared ?? category;
    const lift = (sql) => type === "number" ? `CAST(${sql} AS DOUBLE)` : type === "datetime" ? `CAST(${sql} AS TIMESTAMPTZ)` : type === "other" ? `CAST(${sql} AS VARCHAR)` : sql;
    return { column, type, value: lift(id), text, lift };
  }
  const value = conversion(text, declared);
  return { column, type: declared, value, text, invalid: `(${id} IS NOT NULL AND (${value}) IS NULL)` };
}
function conversion(text, type) {
  switch (type) {
    case "integer":
      return `CASE WHEN regexp_full_match(trim(${text}), '[+-]?[0-9]+([.]0*)?') THEN TRY_CAST(trim(${text}) AS HUGEINT) END`;
    case "number":
      return `TRY_CAST(${text} AS DOUBLE)`;
    case "boolean":
      return `TRY_CAST(${text} AS BOOLEAN)`;
    case "date":
      return `CASE WHEN TRY_CAST(${text} AS TIMESTAMP) = CAST(TRY_CAST(${text} AS DATE) AS TIMESTAMP) THEN TRY_CAST(${text} AS DATE) END`;
    case "datetime":
      return `TRY_CAST(${text} AS TIMESTAMPTZ)`;
    case "string":
      return text;
  }
}
function literal2(value, type) {
  switch (type) {
    case "integer":
    case "number":
      if (typeof value === "bigint") return value.toString();
      if (typeof value !== "number") return void 0;
      if (Number.isSafeInteger(value)) return String(value);
      return `CAST('${Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : String(value)}' AS DOUBLE)`;
    case "boolean":
      return typeof value === "boolean" ? String(value).toUpperCase() : void 0;
    case "date":
    case "datetime":
      if (misfit(value, type) !== void 0) return void 0;
      return `CAST(${quoteText(String(value))} AS ${type === "date" ? "DATE" : "TIMESTAMPTZ"})`;
    case "string":
    case "other":
      return typeof value === "boolean" ? void 0 : quoteText(String(value));
  }
}
var Aggregates = class {
  /** `prefix` keeps aliases of two queries apart when their results are merged. */
  constructor(prefix = "a") {
    this.prefix = prefix;
  }
  prefix;
  expressions = [];
  add(sql) {
    const alias = `${this.prefix}${this.expressions.length}`;
    this.expressions.push(`${sql} AS ${alias}`);
    return alias;
  }
  async run(table2) {
    if (this.expressions.length === 0) return {};
    const [row] = await table2.query(`SELECT ${this.expressions.join(",\n  ")} FROM ${table2.relation}`);
    return row ?? {};
  }
};
function count(value) {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  return 0;
}
function plain(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}
function examplesOf(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const examples = [];
  for (const item of value.map(plain)) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    examples.push(item);
  }
  return examples;
}
function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(plain(value)) ?? String(value);
}
function showList(values) {
  return values.map(show).join(", ");
}
function plural2(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
function extremeSql(values, aggregate) {
  return values.lift ? values.lift(`${aggregate}(${quoteIdentifier(values.column.name)})`) : `${aggregate}(${values.value})`;
}
function observedBoundSql(values, extreme) {
  if (values.type === "number") return extreme;
  return `CAST(${extreme} AS VARCHAR)`;
}
function observedBound(raw, type) {
  if (raw === null || raw === void 0) return void 0;
  if (type === "integer" && typeof raw === "string") {
    const big = BigInt(raw);
    return plain(big);
  }
  return plain(raw);
}
async function checkData(table2, schema) {
  await checkPatterns(table2, schema);
  const present = new Map(table2.columns.map((column) => [column.name, column]));
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const planned = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const column = present.get(spec.name);
    if (!column) continue;
    const values = columnValues(column, spec.type?.value);
    const examples = [];
    const violations2 = [];
    planned.set(spec.name, {
      spec,
      values,
      aliases: planAggregates(aggregates, spec, values, examples, violations2),
      examples,
      violations: violations2
    });
  }
  const unique = schema.columns.some((spec) => spec.unique?.value && planned.has(spec.name));
  const row = unique ? await withBoundedMemory(table2, () => aggregates.run(table2)) : await aggregates.run(table2);
  const followUp = new Aggregates("e");
  for (const plan2 of planned.values()) {
    for (const [breachKey, countKey, sql] of plan2.violations) {
      if (row[plan2.aliases[breachKey] ?? ""] === true) plan2.aliases[countKey] = followUp.add(sql);
    }
    for (const [countKey, examplesKey, sql] of plan2.examples) {
      if (count(row[plan2.aliases[countKey] ?? ""]) > 0) plan2.aliases[examplesKey] = followUp.add(sql);
    }
  }
  Object.assign(row, await followUp.run(table2));
  const statistics = {
    rows: count(row[rowsAlias]),
    get: (alias) => alias ? row[alias] : void 0
  };
  const checks = [];
  for (const spec of schema.columns) {
    const plan2 = planned.get(spec.name);
    checks.push(...await columnChecks(table2, schema, spec, plan2, statistics));
  }
  checks.push(...await tableChecks(table2, schema, statistics.rows));
  return { checks, rows: statistics.rows };
}
var distinctMemoryPerThreadMB = { text: 96, parquet: 64 };
async function withBoundedMemory(table2, work) {
  const [setting] = await table2.evaluate(
    `SELECT current_setting('memory_limit') AS m, current_setting('threads') AS threads`
  );
  const restore = `SET memory_limit = ${quoteText(String(setting?.m))}`;
  const perThread = distinctMemoryPerThreadMB[table2.format === "parquet" ? "parquet" : "text"];
  const limit = perThread * Math.max(1, count(setting?.threads));
  await table2.evaluate(`SET memory_limit = '${limit}MB'`);
  try {
    return await work();
  } catch (error) {
    if (!/^Out of Memory Error/.test(String(error?.message))) throw error;
    await table2.evaluate(restore);
    return await work();
  } finally {
    await table2.evaluate(restore);
  }
}
async function checkPatterns(table2, schema) {
  for (const spec of schema.columns) {
    if (!spec.regex) continue;
    try {
      await table2.evaluate(`SELECT regexp_full_match('', ${quoteText(spec.regex.value)})`);
    } catch (error) {
      const where = spec.regex.line === void 0 ? "" : `:${spec.regex.line}`;
      const message = String(error?.message ?? error);
      const reason = firstLine(message).replace(/^[A-Za-z ]+ Error: /, "");
      throw new InputError(
        `${schema.file}${where}: columns.${spec.name}.regex: invalid regular expression: ${reason}`
      );
    }
  }
}
function planAggregates(aggregates, spec, values, examples, violations2) {
  const sample = (sql, where) => `min(${sql}, ${exampleCount}) FILTER (WHERE ${where})`;
  const id = quoteIdentifier(values.column.name);
  const aliases = {};
  aliases.nonNull = aggregates.add(`count(${id})`);
  if (spec.type && values.invalid) {
    aliases.invalid = aggregates.add(`count_if(${values.invalid})`);
    examples.push(["invalid", "invalidExamples", sample(values.text, values.invalid)]);
  }
  const bounded = boundable(values.type);
  for (const key of ["min", "max"]) {
    const bound2 = spec[key];
    if (!bound2 || !bounded) continue;
    const sql = literal2(bound2.value, values.type);
    if (sql === void 0) continue;
    const extreme = extremeSql(values, key);
    const beyond = key === "min" ? "<" : ">";
    aliases[key] = aggregates.add(observedBoundSql(values, extreme));
    aliases[`${key}Breached`] = aggregates.add(`(${extreme} ${beyond} ${sql})`);
    violations2.push([`${key}Breached`, `${key}Violations`, `count_if(${values.value} ${beyond} ${sql})`]);
  }
  if (spec.allowed) {
    const allowed = spec.allowed.value.map((value) => literal2(value, values.type)).filter((sql) => sql !== void 0);
    const outside = allowed.length > 0 ? `${values.value} NOT IN (${allowed.join(", ")})` : `${values.value} IS NOT NULL`;
    aliases.notAllowed = aggregates.add(`count_if(${outside})`);
    examples.push(["notAllowed", "notAllowedExamples", sample(`CAST(${values.value} AS VARCHAR)`, outside)]);
  }
  if (spec.regex) {
    const mismatch = `NOT regexp_full_match(${values.text}, ${quoteText(spec.regex.value)})`;
    aliases.mismatched = aggregates.add(`count_if(${mismatch})`);
    examples.push(["mismatched", "mismatchedExamples", sample(values.text, mismatch)]);
  }
  if (spec.unique?.value) {
    aliases.typed = values.invalid ? aggregates.add(`count(${values.value})`) : aliases.nonNull;
    aliases.distinct = aggregates.add(`count(DISTINCT ${values.value})`);
  }
  return aliases;
}
function boundable(type) {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}
function bigintSafe(value) {
  if (typeof value === "bigint") return plain(value);
  if (Array.isArray(value)) return value.map(bigintSafe);
  return value;
}
function check(schema, name, column, rule2, ok, message, expected, observed) {
  return {
    name,
    ...column === void 0 ? {} : { column },
    status: ok ? "passed" : rule2.severity === "error" ? "failed" : "warned",
    severity: rule2.severity,
    message,
    ...expected === void 0 ? {} : { expected: bigintSafe(expected) },
    ...observed === void 0 ? {} : { observed: bigintSafe(observed) },
    location: { file: schema.file, ...rule2.line === void 0 ? {} : { line: rule2.line } }
  };
}
async function columnChecks(table2, schema, spec, plan2, statistics) {
  const name = spec.name;
  if (!plan2) {
    return [
      spec.required.value ? check(
        schema,
        "required",
        name,
        spec.required,
        false,
        "column is missing from the data",
        "present",
        "absent"
      ) : check(
        schema,
        "required",
        name,
        spec.required,
        true,
        "optional column is absent; its rules were not checked",
        "optional",
        "absent"
      )
    ];
  }
  const { values, aliases } = plan2;
  const get = (key) => statistics.get(aliases[key]);
  const rows = statistics.rows;
  const nonNull = count(get("nonNull"));
  const nulls = rows - nonNull;
  const checks = [
    check(
      schema,
      "required",
      name,
      spec.required,
      true,
      "column is present",
      spec.required.value ? "present" : "optional",
      "present"
    )
  ];
  if (spec.type) {
    const declared = spec.type.value;
    if (!values.invalid) {
      checks.push(
        check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `read as ${values.column.type}`,
          declared,
          values.column.type
        )
      );
    } else {
      const invalid = count(get("invalid"));
      const examples = examplesOf(get("invalidExamples"));
      checks.push(
        invalid === 0 ? check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `all ${plural2(nonNull, "value")} read as ${declared}`,
          declared,
          values.column.type
        ) : check(
          schema,
          "type",
          name,
          spec.type,
          false,
          `${invalid} of ${plural2(nonNull, "value")} ${invalid === 1 ? "is" : "are"} not ${declared}, e.g. ${showList(examples)}`,
          declared,
          { type: values.column.type, invalid, examples }
        )
      );
    }
  }
  if (spec.nullable && !spec.nullable.value) {
    checks.push(
      check(
        schema,
        "nullable",
        name,
        spec.nullable,
        nulls === 0,
        nulls === 0 ? "no nulls" : `${nulls} of ${plural2(rows, "value")} ${nulls === 1 ? "is" : "are"} null`,
        0,
        nulls
      )
    );
  }
  if (spec.maxNullFraction) {
    const fraction2 = rows === 0 ? 0 : nulls / rows;
    const limit = spec.maxNullFraction.value;
    checks.push(
      check(
        schema,
        "max_null_fraction",
        name,
        spec.maxNullFraction,
        fraction2 <= limit,
        `${nulls} of ${plural2(rows, "value")} ${nulls === 1 ? "is" : "are"} null (${percent3(fraction2)}; at most ${percent3(limit)} allowed)`,
        limit,
        Number(fraction2.toPrecision(6))
      )
    );
  }
  for (const key of ["min", "max"]) {
    const bound2 = spec[key];
    if (!bound2) continue;
    const expected = bigintSafe(bound2.value);
    if (!boundable(values.type)) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound2,
          false,
          `${key} needs an integer, number, date or datetime column; the column reads as ${values.column.type} (declare its type)`,
          expected
        )
      );
      continue;
    }
    if (aliases[key] === void 0) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound2,
          false,
          `${key} ${show(bound2.value)} cannot be compared with a ${values.type} column`,
          expected
        )
      );
      continue;
    }
    const observed = observedBound(get(key), values.type);
    const violations2 = count(get(`${key}Violations`));
    const word = key === "min" ? "smallest" : "largest";
    const message = observed === void 0 ? "no values to compare" : violations2 === 0 ? `${word} value ${show(observed)} is within ${key} ${show(bound2.value)}` : `${plural2(violations2, "value")} ${key === "min" ? "below the minimum" : "above the maximum"} ${show(bound2.value)} (${word} ${show(observed)})`;
    checks.push(check(schema, key, name, bound2, violations2 === 0, message, expected, observed));
  }
  if (spec.allowed) {
    const outside = count(get("notAllowed"));
    const examples = examplesOf(get("notAllowedExamples"));
    checks.push(
      check(
        schema,
        "allowed",
        name,
        spec.allowed,
        outside === 0,
        outside === 0 ? "all values are allowed" : `${plural2(outside, "value")} not in the allowed list, e.g. ${showList(examples)}`,
        spec.allowed.value,
        outside === 0 ? void 0 : examples
      )
    );
  }
  if (spec.regex) {
    const mismatched = count(get("mismatched"));
    const examples = examplesOf(get("mismatchedExamples"));
    checks.push(
      check(
        schema,
        "regex",
        name,
        spec.regex,
        mismatched === 0,
        mismatched === 0 ? "all values match" : `${plural2(mismatched, "value")} ${mismatched === 1 ? "does" : "do"} not match, e.g. ${showList(examples)}`,
        spec.regex.value,
        mismatched === 0 ? void 0 : examples
      )
    );
  }
  if (spec.unique?.value) {
    const duplicates2 = count(get("typed")) - count(get("distinct"));
    if (duplicates2 === 0) {
      checks.push(check(schema, "unique", name, spec.unique, true, "all values are distinct", true));
    } else {
      const shown = ["integer", "number", "boolean", "string"].includes(values.type) ? values.value : `CAST(${values.value} AS VARCHAR)`;
      const examples = await duplicateExamples(table2, [values.value], `[${shown}]`);
      checks.push(
        check(
          schema,
          "unique",
          name,
          spec.unique,
          false,
          `${plural2(duplicates2, "row repeats", "rows repeat")} a value, e.g. ${examples.map((e) => `${show(e.key[0])} (${e.count} times)`).join(", ")}`,
          true,
          examples.map((e) => ({ value: e.key[0], count: e.count }))
        )
      );
    }
  }
  return checks;
}
async function duplicateExamples(table2, keySql, key) {
  return (await duplicates(table2, keySql, key)).examples;
}
async function duplicates(table2, keySql, key = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`) {
  const notNull = keySql.map((sql) => `${sql} IS NOT NULL`).join(" AND ");
  const [row] = await table2.query(
    `SELECT count(*) AS keys, coalesce(sum(n - 1), 0) AS surplus, max_by(struct_pack(k := k, n := n), n, ${exampleCount}) AS examples
     FROM (SELECT ${key} AS k, count(*) AS n FROM ${table2.relation} WHERE ${notNull} GROUP BY ALL HAVING count(*) > 1)`
  );
  const examples = row?.examples ?? [];
  return {
    keys: count(row?.keys),
    surplus: count(row?.surplus),
    examples: examples.map((example) => ({ key: example.k.map(plain), count: count(example.n) }))
  };
}
function percent3(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
async function tableChecks(table2, schema, rows) {
  const checks = [];
  const spec = schema.table;
  const mode = spec.columns.value;
  if (mode !== "subset") {
    const declared = new Set(schema.columns.map((column) => column.name));
    const extra = table2.columns.map((column) => column.name).filter((name) => !declared.has(name));
    let message = extra.length === 0 ? "no columns beyond the schema" : `${plural2(extra.length, "column")} not in the schema: ${showList(extra.slice(0, 10))}${extra.length > 10 ? ", \u2026" : ""}`;
    let ok = extra.length === 0;
    const observed = { extra };
    if (mode === "ordered") {
      const inData = table2.columns.map((column) => column.name).filter((name) => declared.has(name));
      const inSchema = schema.columns.map((column) => column.name).filter((name) => inData.includes(name));
      const at = inSchema.findIndex((name, index) => inData[index] !== name);
      if (at >= 0) {
        ok = false;
        observed.order = inData;
        const order = `columns are out of the schema's order: expected ${show(inSchema[at])} at position ${at + 1}, found ${show(inData[at])}`;
        message = extra.length === 0 ? order : `${message}; ${order}`;
      } else if (ok) {
        message = "columns are the schema's, in its order";
      }
    }
    checks.push(check(schema, "columns", void 0, spec.columns, ok, message, mode, observed));
  }
  if (spec.rowsMin) {
    const ok = rows >= spec.rowsMin.value;
    checks.push(
      check(
        schema,
        "rows.min",
        void 0,
        spec.rowsMin,
        ok,
        `${plural2(rows, "row")}${ok ? "" : `, fewer than ${spec.rowsMin.value}`}`,
        spec.rowsMin.value,
        rows
      )
    );
  }
  if (spec.rowsMax) {
    const ok = rows <= spec.rowsMax.value;
    checks.push(
      check(
        schema,
        "rows.max",
        void 0,
        spec.rowsMax,
        ok,
        `${plural2(rows, "row")}${ok ? "" : `, more than ${spec.rowsMax.value}`}`,
        spec.rowsMax.value,
        rows
      )
    );
  }
  const present = new Set(table2.columns.map((column) => column.name));
  for (const key of spec.unique) {
    const name = `unique(${key.value.join(", ")})`;
    const missing = key.value.filter((column) => !present.has(column));
    if (missing.length > 0) {
      checks.push(
        check(
          schema,
          name,
          void 0,
          key,
          false,
          `key ${plural2(missing.length, "column")} missing from the data: ${showList(missing)}`,
          key.value
        )
      );
      continue;
    }
    const found = await duplicates(table2, key.value.map(quoteIdentifier));
    checks.push(
      found.surplus === 0 ? check(schema, name, void 0, key, true, "no two rows share a key", key.value) : check(
        schema,
        name,
        void 0,
        key,
        false,
        `${plural2(found.keys, "key")} repeated (${plural2(found.surplus, "extra row")}), e.g. ${found.examples.map((e) => `${show(e.key)} (${e.count} times)`).join(", ")}`,
        key.value,
        found.examples
      )
    );
  }
  return checks;
}

// packages/core/src/stats/chisquare.ts
var { abs: abs6, min: min5 } = Math;
var SUM_RTOL = 1e-8;
function chiSquareTest(observed, expected) {
  const k = observed.length;
  if (k === 0) throw new RangeError("chiSquareTest: no categories");
  if (expected.length !== k) {
    throw new RangeError(`chiSquareTest: ${k} observed but ${expected.length} expected frequencies`);
  }
  let observedSum = 0;
  let expectedSum = 0;
  for (let i = 0; i < k; i++) {
    observedSum += observed[i];
    expectedSum += expected[i];
  }
  const relativeDiff = abs6(observedSum - expectedSum) / min5(observedSum, expectedSum);
  if (relativeDiff > SUM_RTOL) {
    throw new RangeError(
      `chiSquareTest: observed frequencies sum to ${observedSum} but expected ones to ${expectedSum}`
    );
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const diff = observed[i] - expected[i];
    statistic += diff * diff / expected[i];
  }
  const degreesOfFreedom = k - 1;
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
}
function checkCounts(counts, name) {
  let total = 0;
  for (const [category, count2] of counts) {
    if (!(count2 >= 0 && Number.isFinite(count2))) {
      throw new RangeError(`chiSquareDrift: ${name} count of category "${category}" is ${count2}`);
    }
    total += count2;
  }
  if (total === 0) throw new RangeError(`chiSquareDrift: the ${name} counts are all zero`);
  return total;
}
function chiSquareDrift(reference, current) {
  const referenceTotal = checkCounts(reference, "reference");
  const currentTotal = checkCounts(current, "current");
  const categories = /* @__PURE__ */ new Set();
  for (const [category, count2] of reference) if (count2 > 0) categories.add(category);
  for (const [category, count2] of current) if (count2 > 0) categories.add(category);
  const keys = [...categories].sort();
  const kNorm = currentTotal / referenceTotal;
  const expected = keys.map((key) => (reference.get(key) ?? 0) * kNorm);
  const observed = keys.map((key) => current.get(key) ?? 0);
  if (keys.length === 1) return { statistic: 0, pValue: 1, degreesOfFreedom: 0 };
  return chiSquareTest(observed, expected);
}

// packages/core/src/stats/distance.ts
var { abs: abs7, log: log7, sqrt: sqrt6 } = Math;
var isNaNNumber2 = Number.isNaN;
function prepareSample(values, weights, name) {
  const n = values.length;
  if (n === 0) throw new RangeError(`wassersteinDistance: ${name} is empty`);
  for (let i = 0; i < n; i++) {
    if (isNaNNumber2(values[i])) throw new RangeError(`wassersteinDistance: ${name} value ${i} is NaN`);
  }
  if (weights === void 0)
    return { values: sortFloat64InPlace(Float64Array.from(values)), cumulative: void 0 };
  if (weights.length !== n) {
    throw new RangeError(`wassersteinDistance: ${name} has ${n} values but ${weights.length} weights`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] < 0) throw new RangeError(`wassersteinDistance: ${name} weight ${i} is negative`);
    total += weights[i];
  }
  if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`wassersteinDistance: ${name} weights must have a positive, finite sum`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => values[p] - values[q]);
  const sorted = new Float64Array(n);
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sorted[i] = values[order[i]];
    cumulative[i + 1] = cumulative[i] + weights[order[i]];
  }
  return { values: sorted, cumulative };
}
function cdfAt(sample, count2) {
  if (sample.cumulative === void 0) return count2 / sample.values.length;
  return sample.cumulative[count2] / sample.cumulative[sample.values.length];
}
function wassersteinDistance(u, v, uWeights, vWeights) {
  const us = prepareSample(u, uWeights, "u");
  const vs = prepareSample(v, vWeights, "v");
  const uv = us.values;
  const vv = vs.values;
  const nu = uv.length;
  const nv = vv.length;
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < nu || j < nv) {
    const x = j >= nv || i < nu && uv[i] <= vv[j] ? uv[i] : vv[j];
    const i0 = i;
    const j0 = j;
    while (i < nu && uv[i] <= x) i++;
    while (j < nv && vv[j] <= x) j++;
    if (i - i0 + (j - j0) > 1 && !Number.isFinite(x)) return Number.NaN;
    if (i === nu && j === nv) break;
    const next = j >= nv || i < nu && uv[i] <= vv[j] ? uv[i] : vv[j];
    total += abs7(cdfAt(us, i) - cdfAt(vs, j)) * (next - x);
  }
  return total;
}
function relEntr(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * log7(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}
function sumOf(values) {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
function jensenShannonDistance(p, q, base) {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannonDistance: p has ${p.length} entries but q has ${q.length}`);
  }
  const pSum = sumOf(p);
  const qSum = sumOf(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / pSum;
    const qi = q[i] / qSum;
    const mi = (pi + qi) / 2;
    left += relEntr(pi, mi);
    right += relEntr(qi, mi);
  }
  let js = left + right;
  if (base !== void 0) js /= log7(base);
  return sqrt6(js / 2);
}
function fillEmptyBins(proportions2, name) {
  let minNonZero = Number.POSITIVE_INFINITY;
  for (const p of proportions2) if (p !== 0 && p < minNonZero) minNonZero = p;
  if (minNonZero === Number.POSITIVE_INFINITY) {
    throw new RangeError(`populationStabilityIndex: the ${name} bins are all empty`);
  }
  const fill = minNonZero <= 1e-4 ? minNonZero / 10 ** 6 : 1e-4;
  return proportions2.map((p) => p === 0 ? fill : p);
}
function toProportions(counts, name) {
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0 && Number.isFinite(c)))
      throw new RangeError(`populationStabilityIndex: ${name} bin ${i} is ${c}`);
  }
  const total = sumOf(counts);
  return counts.map((c) => c / total);
}
function populationStabilityIndex(expected, actual) {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `populationStabilityIndex: ${expected.length} expected bins but ${actual.length} actual ones`
    );
  }
  if (expected.length === 0) throw new RangeError("populationStabilityIndex: no bins");
  const e = fillEmptyBins(toProportions(expected, "expected"), "expected");
  const a = fillEmptyBins(toProportions(actual, "actual"), "actual");
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (e[i] - a[i]) * log7(e[i] / a[i]);
  return psi;
}

// packages/core/src/stats/kolmogorov.ts
var { abs: abs8, ceil, exp: exp4, expm1: expm12, floor: floor4, log: log8, log1p: log1p2, max: max4, min: min6, sqrt: sqrt7 } = Math;
var isFiniteNumber = Number.isFinite;
var DBL_EPSILON = 2220446049250313e-31;
function ldexp(value, exponent) {
  let v = value;
  let e = exponent;
  while (e > 1e3) {
    v *= 2 ** 1e3;
    e -= 1e3;
  }
  while (e < -1e3) {
    v *= 2 ** -1e3;
    e += 1e3;
  }
  return v * 2 ** e;
}
function clip01(p) {
  return p < 0 ? 0 : min6(p, 1);
}
function split(a) {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}
function modNX(n, x) {
  const p = n * x;
  const [nh, nl] = split(n);
  const [xh, xl] = split(x);
  const err = nh * xh - p + nh * xl + nl * xh + nl * xl;
  let nxfl = floor4(p);
  let alpha = p - nxfl + err;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  } else if (alpha >= 1) {
    nxfl += 1;
    alpha -= 1;
  }
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha };
}
var CompensatedSum = class {
  sum = 0;
  compensation = 0;
  add(value) {
    const t = this.sum + value;
    if (abs8(this.sum) >= abs8(value)) this.compensation += this.sum - t + value;
    else this.compensation += value - t + this.sum;
    this.sum = t;
  }
  get value() {
    return this.sum + this.compensation;
  }
};
var SMIRNOV_MAX_COMPUTE_N = 1e6;
var SM_UPPER_MAX_TERMS = 3;
var SM_UPPERSUM_MIN_N = 10;
function smirnovSurvival(n, x) {
  if (Number.isNaN(x)) return Number.NaN;
  if (!(n > 0 && x >= 0 && x <= 1) || !Number.isInteger(n)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || nxfl === 1 && alpha === 0) {
    const t = exp4((n - 1) * log1p2(x));
    return 1 - x * t;
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return exp4(n * log1p2(-x));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    if (logp < -Math.LN2) return exp4(logp);
    const cdf = -expm12(logp);
    return 1 - cdf;
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum = nUpperTerms <= 1 && x < 0.5 || n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / sqrt7(n);
  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = floor4(n / 2);
  const sum = new CompensatedSum();
  let first;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    first = exp4((n - 1) * log1p2(x));
  } else {
    first = exp4(n * log1p2(-x)) / x;
  }
  sum.add(first);
  const logC = new CompensatedSum();
  logC.add(log8(n));
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    const t1x = (nxfl + v + alpha) / n;
    const t2x = (n - nxfl - v - alpha) / n;
    let aj;
    if (t2x === 0) {
      aj = n - v === 0 ? exp4(logC.value + (v - 1) * log8(t1x)) : 0;
    } else {
      const sign = t2x < 0 && (n - v) % 2 === 1 ? -1 : 1;
      aj = sign * exp4(logC.value + (v - 1) * log8(t1x) + (n - v) * log8(abs8(t2x)));
    }
    if (isFiniteNumber(aj) && aj !== 0) sum.add(aj);
    if (aj !== 0) {
      if (4 * (nTerms - j) * abs8(aj) < DBL_EPSILON * sum.value && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    logC.add(log8((n - j) / (j + 1)));
  }
  const prob = x * sum.value;
  const sf = step < 0 ? 1 - prob : prob;
  return clip01(sf);
}
var MIN_EXPABLE = -708 - 38;
var E128 = 128;
var EP128 = 2 ** 128;
var EM128 = 2 ** -128;
var SQRT2PI = sqrt7(2 * Math.PI);
var LOG_2PI = log8(2 * Math.PI);
var MIN_LOG = -708;
var SQRT3 = sqrt7(3);
var PI_SQUARED = Math.PI ** 2;
var PI_FOUR = Math.PI ** 4;
var PI_SIX = Math.PI ** 6;
var STIRLING_COEFFS = [
  -0.029550653594771242,
  0.00641025641025641,
  -0.0019175269175269176,
  8417508417508417e-19,
  -5952380952380953e-19,
  7936507936507937e-19,
  -0.002777777777777778,
  0.08333333333333333
];
function logNFactorialDivNPowN(n) {
  const rn = 1 / n;
  const y = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * y + c;
  return log8(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}
function select(cdfprob, sfprob, cdf) {
  return clip01(cdf ? cdfprob : sfprob);
}
function matmul(a, b, m) {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const rowOut = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const rowB = k * m;
      for (let j = 0; j < m; j++) out[rowOut + j] += aik * b[rowB + j];
    }
  }
  return out;
}
function kolmognDMTW(n, d) {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = max4(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let Hpwr = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (abs8(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
    nn = floor4(nn / 2);
  }
  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = i * p / n;
    if (abs8(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}
function pomeranzJ1J2(i, n, ll, ceilf, roundf) {
  let j1;
  let j2;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = floor4((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [max4(j1 + 2, 0), min6(j2, n)];
}
function pySlice(arr, start, stop) {
  const len = arr.length;
  const s = start < 0 ? max4(len + start, 0) : min6(start, len);
  const e = stop < 0 ? max4(len + stop, 0) : min6(stop, len);
  return arr.subarray(s, max4(s, e));
}
function convolve(a, b) {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    for (let j = 0; j < b.length; j++) out[i + j] += ai * b[j];
  }
  return out;
}
function kolmognPomeranz(n, x) {
  const t = n * x;
  const ll = floor4(t);
  const f = t - ll;
  const g = min6(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = 2 * g / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = gpower[m - 1] * gOverN / m;
    twogpower[m] = twogpower[m - 1] * twoGOverN / m;
    onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const conv = convolve(pySlice(V0, k1 - V0s, k1 - V0s + ln2), pySlice(pwrs, 0, ln2));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      V1.set(pySlice(conv, convStart, convStart + convLen));
      let largest = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < V1.length; q++) if (V1[q] > largest) largest = V1[q];
      if (largest > 0 && largest < EM128) {
        for (let q = 0; q < V1.length; q++) V1[q] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  const idx = n - V1s;
  let ans = V1[idx < 0 ? V1.length + idx : idx];
  for (let m = 1; m <= n; m++) {
    if (abs8(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}
function kolmognPelzGood(n, x, cdf) {
  if (x <= 0) return select(0, 1, cdf);
  if (x >= 1) return select(1, 0, cdf);
  const z = sqrt7(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return select(0, 1, cdf);
  let q = exp4(qlog);
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
  const k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
  const k3d = PI_SIX * (5 - 30 * zsquared) / 64;
  const k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
  const k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = ceil(16 * z / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * msquared,
      k2a + k2b * msquared + k2c * mfour,
      k3a + k3b * msquared + k3c * mfour + k3d * msix
    ];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = K[i] * q * SQRT2PI / divisors[i];
  q = exp4(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2sum = 0;
  let k3sum = 0;
  for (let k = maxk; k > 0; k--) {
    const ksquared = k ** 2;
    const kspi = Math.PI * k;
    const qpwer = q ** ksquared;
    k2sum += ksquared * qpwer;
    k3sum += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
  }
  K[2] = K[2] + k2sum * (PI_SQUARED * SQRT2PI / (-36 * zthree));
  K[3] = K[3] + k3sum * (PI_SQUARED * SQRT2PI / (216 * zsix));
  for (let i = 0; i < 4; i++) K[i] = K[i] / n ** (i / 2);
  if (!cdf) {
    for (let i = 0; i < 4; i++) K[i] = -K[i];
    K[0] = K[0] + 1;
  }
  return K[0] + K[1] + K[2] + K[3];
}
function kolmogn(n, x, cdf) {
  if (x >= 1) return select(1, 0, cdf);
  if (x <= 0) return select(0, 1, cdf);
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return select(0, 1, cdf);
    let prob;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = exp4(logNFactorialDivNPowN(n) + n * log8(2 * t - 1));
    }
    return select(prob, 1 - prob, cdf);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return select(1 - prob, prob, cdf);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSurvival(n, x);
    return select(1 - prob, prob, cdf);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob2 = kolmognDMTW(n, x);
      return select(prob2, 1 - prob2, cdf);
    }
    if (nxsquared <= 4) {
      const prob2 = kolmognPomeranz(n, x);
      return select(prob2, 1 - prob2, cdf);
    }
    const prob = 2 * smirnovSurvival(n, x);
    return select(1 - prob, prob, cdf);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSurvival(n, x));
  }
  let cdfprob;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 1e5 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x);
  else cdfprob = kolmognPelzGood(n, x, true);
  return select(cdfprob, 1 - cdfprob, cdf);
}
function kolmogorovTwoSidedSurvival(n, x) {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogn(n, x, false);
}

// packages/core/src/stats/ks.ts
var { abs: abs9, ceil: ceil2, floor: floor5, max: max5, min: min7, round } = Math;
var isNaNNumber3 = Number.isNaN;
var MAX_AUTO_N = 1e4;
function sortedSample(values, name) {
  const out = Float64Array.from(values);
  if (out.length === 0) throw new RangeError(`${name}: the sample is empty`);
  for (let i = 0; i < out.length; i++) {
    if (isNaNNumber3(out[i])) throw new RangeError(`${name}: value ${i} is NaN`);
  }
  return sortFloat64InPlace(out);
}
function gcd(a, b) {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
function roundHalfEven(x) {
  const r = round(x);
  if (abs9(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
function probOutsideSquare(n, h) {
  let P = 0;
  let k = floor5(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}
function outerProbInside(m0, n0, g, h) {
  const m = max5(m0, n0);
  const n = min7(m0, n0);
  const mg = floor5(m / g);
  const ng = floor5(n / g);
  let minj = 0;
  let maxj = min7(ceil2(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = min7(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = max5(floor5((ng * i - h) / mg) + 1, 0);
    minj = min7(minj, n);
    maxj = min7(ceil2((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    const width = maxj - minj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, width + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}
function attemptExact(n1, n2, g, dIn) {
  const lcm = floor5(n1 / g) * n2;
  const h = roundHalfEven(dIn * lcm);
  const d = h / lcm;
  if (h === 0) return { success: true, d, prob: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return { success: false, d, prob };
  return { success: true, d, prob };
}
function ksTwoSample(a, b) {
  const x = sortedSample(a, "ksTwoSample a");
  const y = sortedSample(b, "ksTwoSample b");
  const n1 = x.length;
  const n2 = y.length;
  let maxS = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || i < n1 && x[i] <= y[j] ? x[i] : y[j];
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = min7(max5(-minDiff, 0), 1);
  let d = max5(minS, maxS);
  const g = gcd(n1, n2);
  let method = max5(n1, n2) <= MAX_AUTO_N ? "exact" : "asymptotic";
  let prob = Number.NEGATIVE_INFINITY;
  if (method === "exact") {
    const exact = attemptExact(n1, n2, g, d);
    d = exact.d;
    prob = exact.prob;
    if (!exact.success) method = "asymptotic";
  }
  if (method === "asymptotic") {
    const m = max5(n1, n2);
    const n = min7(n1, n2);
    const en = m * n / (m + n);
    prob = kolmogorovTwoSidedSurvival(roundHalfEven(en), d);
  }
  prob = min7(max5(prob, 0), 1);
  return { statistic: d, pValue: prob, method };
}

// packages/core/src/steps/validate-data/profile.ts
import { readFile as readFile7 } from "node:fs/promises";
var profileBins = 100;
var rawValueRows = 1e3;
var maxProfileCategories = 1e4;
function kindOf2(duckdbType) {
  const category = categoryOf(duckdbType);
  if (category === "integer" || category === "number") return "numeric";
  if (category === "string" || category === "boolean") return "categorical";
  return "other";
}
function doubleOf(name) {
  return `CAST(${quoteIdentifier(name)} AS DOUBLE)`;
}
function doubleLiteral2(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
function nextUp(value) {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([value]);
  const integer = new BigInt64Array(bits.buffer);
  integer[0] = integer[0] + (value > 0 ? 1n : -1n);
  return bits[0];
}
function binnedHistogram(value, edges) {
  const k = edges.length - 1;
  const last = edges[k];
  const boundaries = [-nextUp(last), ...[...new Set(edges)].reverse().map((edge) => -edge)];
  const slotOf = /* @__PURE__ */ new Map();
  edges.forEach((edge, j) => {
    slotOf.set(-edge, j === k ? k : j + 1);
  });
  slotOf.set(-nextUp(last), k + 1);
  const sql = `histogram(-${value}, [${boundaries.map(doubleLiteral2).join(", ")}])`;
  const slots = (raw) => {
    const counts = new Array(k + 2).fill(0);
    for (const entry of raw ?? []) {
      const key = entry.key === null ? Number.POSITIVE_INFINITY : Number(entry.key);
      const slot = key === Number.POSITIVE_INFINITY ? 0 : slotOf.get(key);
      if (slot === void 0) throw new Error(`histogram: unexpected bucket ${String(entry.key)}`);
      counts[slot] = (counts[slot] ?? 0) + count(entry.value);
    }
    return counts;
  };
  return { sql, slots };
}
function percentileEdgesSql(sorted) {
  const positions = Array.from(
    { length: profileBins + 1 },
    (_, i) => `greatest(1, (len(${sorted}) * ${i} + ${profileBins - 1}) // ${profileBins})`
  );
  return `list_select(${sorted}, [${positions.join(", ")}])`;
}
function withFinite(relation, names) {
  if (names.length === 0) return relation;
  const finite2 = names.map((name, i) => {
    const x = doubleOf(name);
    return `CASE WHEN isfinite(${x}) THEN ${x} END AS ${finiteName(i)}`;
  });
  return `(SELECT *, ${finite2.join(", ")} FROM ${relation})`;
}
function finiteName(index) {
  return `"mlci finite ${index}"`;
}
function stable(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
  const rounded2 = Number(value.toPrecision(12));
  return rounded2 === 0 ? 0 : rounded2;
}
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value === 0 ? 0 : value : void 0;
}
function distinctEdges(quantiles) {
  const edges = [];
  for (const q of quantiles) if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  return edges;
}
var countedCategoriesLimit = 2 * maxProfileCategories;
async function profileTable(table2, options) {
  const columns = table2.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const select2 = ['count(*) AS "rows"'];
  const replaced = [];
  const alias = (sql) => {
    select2.push(`${sql} AS c${select2.length}`);
    return `c${select2.length - 1}`;
  };
  const numeric = columns.filter((column) => kindOf2(column.type) === "numeric").map((column) => column.name);
  const plans = columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf2(column.type);
    const countsOnly = options.countsOnly?.has(column.name) ?? false;
    const aliases = { nonNull: alias(`count(${id})`) };
    let edges = countsOnly ? void 0 : options.edges?.get(column.name);
    let slots;
    if (kind === "numeric") {
      const x = finiteName(numeric.indexOf(column.name));
      aliases.finite = alias(`count(${x})`);
      if (!countsOnly) {
        aliases.min = alias(`min(${x})`);
        aliases.max = alias(`max(${x})`);
        aliases.mean = alias(`avg(${x})`);
        aliases.std = alias(`stddev_pop(${x})`);
      }
      if (edges && edges.length >= 2) {
        const binned = binnedHistogram(x, edges);
        aliases.histogram = alias(binned.sql);
        slots = binned.slots;
      } else {
        edges = void 0;
        if (!countsOnly) {
          aliases.quantiles = alias(`list_sort(list(${x}) FILTER (WHERE ${x} IS NOT NULL))`);
          replaced.push(`${percentileEdgesSql(aliases.quantiles)} AS ${aliases.quantiles}`);
        }
      }
    } else if (kind === "categorical") {
      if (options.categories?.has(column.name) && !countsOnly) {
        aliases.frequencies = alias(`histogram(CAST(${id} AS VARCHAR))`);
      } else if (!countsOnly) {
        aliases.distinct = alias(`approx_count_distinct(${id})`);
      }
    } else {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, countsOnly, aliases, edges, slots };
  });
  const source = withFinite(table2.relation, numeric);
  const aggregates = `SELECT ${select2.join(", ")} FROM ${source}`;
  const [row = {}] = await table2.query(
    replaced.length === 0 ? aggregates : `SELECT * REPLACE (${replaced.join(", ")}) FROM (${aggregates})`
  );
  const rows = count(row.rows);
  const second = [];
  const later = (sql) => {
    second.push(`${sql} AS h${second.length}`);
    return `h${second.length - 1}`;
  };
  const ownBins = /* @__PURE__ */ new Map();
  const frequencyAliases = /* @__PURE__ */ new Map();
  for (const plan2 of plans) {
    if (plan2.kind === "numeric" && plan2.aliases.quantiles) {
      const quantiles = (row[plan2.aliases.quantiles] ?? []).map(Number);
      const edges = distinctEdges(quantiles.filter(Number.isFinite));
      if (edges.length === 0) continue;
      const bins = edges.length === 1 ? [edges[0], edges[0]] : edges;
      const binned = binnedHistogram(finiteName(numeric.indexOf(plan2.column.name)), bins);
      ownBins.set(plan2.column.name, { edges: bins, alias: later(binned.sql), slots: binned.slots });
    } else if (plan2.kind === "categorical" && !plan2.countsOnly) {
      if (plan2.aliases.frequencies) {
        frequencyAliases.set(plan2.column.name, { row: "first", alias: plan2.aliases.frequencies });
      } else if (count(row[plan2.aliases.distinct ?? ""]) <= countedCategoriesLimit) {
        frequencyAliases.set(plan2.column.name, {
          row: "second",
          alias: later(`histogram(CAST(${quoteIdentifier(plan2.column.name)} AS VARCHAR))`)
        });
      }
    }
  }
  const [secondRow = {}] = second.length > 0 ? await table2.query(`SELECT ${second.join(", ")} FROM ${source}`) : [];
  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans.filter((plan2) => plan2.kind === "numeric" && !plan2.countsOnly).map((plan2) => plan2.column.name);
  const values = keepValues ? await numericValues(table2, numericNames) : /* @__PURE__ */ new Map();
  const profiles = plans.map(({ column, kind, aliases, edges, slots }) => {
    const nonNull = count(row[aliases.nonNull ?? ""]);
    const base = { name: column.name, type: column.type };
    if (kind === "numeric") {
      const own = ownBins.get(column.name);
      const bins = edges && slots ? { edges: [...edges], counts: slots(row[aliases.histogram ?? ""]) } : own ? { edges: own.edges, counts: own.slots(secondRow[own.alias]) } : void 0;
      const columnValues2 = values.get(column.name);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        nonFinite: nonNull - count(row[aliases.finite ?? ""]),
        ...optional("min", finite(row[aliases.min ?? ""])),
        ...optional("max", finite(row[aliases.max ?? ""])),
        ...optional("mean", stable(row[aliases.mean ?? ""])),
        ...optional("std", stable(row[aliases.std ?? ""])),
        ...bins ? { bins } : {},
        ...columnValues2 ? { values: columnValues2 } : {}
      };
    }
    if (kind === "categorical") {
      const source2 = frequencyAliases.get(column.name);
      const found = source2 ? topCategories((source2.row === "first" ? row : secondRow)[source2.alias]) : (
        // Not counted (too many distinct values, or not asked for): the estimate, every value under `other`.
        { categories: [], distinct: count(row[aliases.distinct ?? ""]) }
      );
      const listed2 = found.categories.reduce((sum, [, n]) => sum + n, 0);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        distinct: found.distinct,
        categories: found.categories,
        other: nonNull - listed2
      };
    }
    const min8 = row[aliases.min ?? ""];
    const max6 = row[aliases.max ?? ""];
    return {
      ...base,
      kind,
      count: nonNull,
      nulls: rows - nonNull,
      ...optional("min", typeof min8 === "string" ? min8 : void 0),
      ...optional("max", typeof max6 === "string" ? max6 : void 0)
    };
  });
  return {
    mlci: "profile",
    version: 1,
    data: { file: options.file, format: table2.format, digest: options.digest, rows },
    columns: profiles
  };
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function compareCategories(a, b) {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
function topCategories(raw) {
  const all = (raw ?? []).map((entry) => [
    String(entry.key),
    count(entry.value)
  ]);
  all.sort(compareCategories);
  return { categories: all.slice(0, maxProfileCategories), distinct: all.length };
}
async function numericValues(table2, names) {
  const result = /* @__PURE__ */ new Map();
  if (names.length === 0) return result;
  const [row = {}] = await table2.query(
    `SELECT ${names.map((name, i) => {
      const x = doubleOf(name);
      return `coalesce(list(${x} ORDER BY ${x}) FILTER (WHERE isfinite(${x})), []) AS v${i}`;
    }).join(", ")} FROM ${table2.relation}`
  );
  names.forEach((name, i) => {
    const values = row[`v${i}`] ?? [];
    result.set(
      name,
      values.map((v) => v === 0 ? 0 : Number(v))
    );
  });
  return result;
}
function profileText(profile) {
  return `${serialize(profile, "")}
`;
}
function serialize(value, indent) {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) {
      return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    }
    if (value.length === 0) return "[]";
    return `[
${value.map((item) => `${inner}${serialize(item, inner)}`).join(",\n")}
${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== void 0);
    if (entries.length === 0) return "{}";
    return `{
${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${serialize(item, inner)}`).join(",\n")}
${indent}}`;
  }
  return JSON.stringify(value);
}
var countSchema = number().int().min(0);
var numericSchema = object({
  name: string(),
  type: string(),
  kind: literal("numeric"),
  count: countSchema,
  nulls: countSchema,
  nonFinite: countSchema,
  min: number().optional(),
  max: number().optional(),
  mean: number().optional(),
  std: number().min(0).optional(),
  bins: object({ edges: array(number()).min(2), counts: array(countSchema) }).strict().refine((bins) => bins.counts.length === bins.edges.length + 1, {
    message: "counts must have one more entry than edges (below, one per bin, above)"
  }).refine((bins) => bins.edges.every((edge, i) => i === 0 || edge >= bins.edges[i - 1]), {
    message: "edges must ascend"
  }).optional(),
  values: array(number()).optional()
}).strict();
var categoricalSchema = object({
  name: string(),
  type: string(),
  kind: literal("categorical"),
  count: countSchema,
  nulls: countSchema,
  distinct: countSchema,
  categories: array(tuple([string(), countSchema])),
  other: countSchema
}).strict();
var otherSchema = object({
  name: string(),
  type: string(),
  kind: literal("other"),
  count: countSchema,
  nulls: countSchema,
  min: string().optional(),
  max: string().optional()
}).strict();
var profileSchema = object({
  mlci: literal("profile"),
  version: literal(1),
  data: object({
    file: string(),
    format: _enum([...dataFormats, "profiles"]),
    digest: string().regex(/^sha256:[0-9a-f]{64}$/),
    rows: countSchema,
    partitions: array(string()).optional()
  }).strict(),
  columns: array(discriminatedUnion("kind", [numericSchema, categoricalSchema, otherSchema]))
}).strict();
function isProfileFile(file) {
  return file.toLowerCase().endsWith(".json");
}
async function loadProfile(path, file) {
  let text;
  try {
    text = await readFile7(path, "utf8");
  } catch (error) {
    const code2 = error.code;
    if (code2 === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code2 ?? String(error)})`);
  }
  return parseProfile(text, file);
}
function parseProfile(text, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not a profile: invalid JSON (${error.message.split("\n")[0]})`);
  }
  if (typeof value !== "object" || value === null || value.mlci !== "profile") {
    throw new InputError(
      `${file}: not an mlci profile (expected "mlci": "profile"; write one with --write-profile)`
    );
  }
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    if (path[0] === "columns" && path[1] !== void 0) {
      const name = value.columns?.[Number(path[1])]?.name;
      if (typeof name === "string") path[1] = JSON.stringify(name);
    }
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${file}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  const profile = parsed.data;
  const names = /* @__PURE__ */ new Set();
  for (const column of profile.columns) {
    if (names.has(column.name))
      throw new InputError(`${file}: columns: column ${JSON.stringify(column.name)} appears twice`);
    names.add(column.name);
    if (column.count + column.nulls !== profile.data.rows) {
      throw new InputError(
        `${file}: columns.${JSON.stringify(column.name)}: count + nulls (${column.count + column.nulls}) is not data.rows (${profile.data.rows})`
      );
    }
  }
  return profile;
}

// packages/core/src/steps/validate-data/drift.ts
var smallReferenceRows = 1e3;
var exactKsSize = 1e4;
var fetchedWassersteinSize = 2e5;
var coarseStep = 5;
var chartCategories = 10;
var otherKey = "\0other";
var defaultThresholds = {
  ks: 0.05,
  "chi-square": 0.05,
  wasserstein: 0.1,
  "jensen-shannon": 0.1,
  psi: 0.1
};
function isPValueTest(test) {
  return test === "ks" || test === "chi-square";
}
var numericTests = ["ks", "wasserstein", "psi", "jensen-shannon", "chi-square"];
var categoricalTests = ["chi-square", "jensen-shannon", "psi"];
function plan(reference, current, options) {
  const specs = new Map((options.schema?.columns ?? []).map((spec) => [spec.name, spec]));
  const currentColumns = new Map(current.columns.map((column) => [column.name, column]));
  const plans = [];
  const skipped = [];
  for (const ref of reference.columns) {
    const cur = currentColumns.get(ref.name);
    if (!cur || ref.kind === "other") continue;
    const drift = specs.get(ref.name)?.drift;
    if (drift?.skip) continue;
    const kind = ref.kind;
    const applicable = kind === "numeric" ? numericTests : categoricalTests;
    let test = drift?.test ?? options.test;
    if (test !== "auto" && !applicable.includes(test)) {
      if (drift?.test !== void 0) {
        const where = drift.line === void 0 ? "" : `:${drift.line}`;
        throw new InputError(
          `${options.schema?.file}${where}: columns.${ref.name}.drift.test: ${test} does not apply to a ${kind} column (use ${applicable.join(", ")})`
        );
      }
      test = "auto";
    }
    const chosen = test !== "auto" ? test : reference.data.rows <= smallReferenceRows ? kind === "numeric" ? "ks" : "chi-square" : kind === "numeric" ? "wasserstein" : "jensen-shannon";
    const threshold = drift?.threshold ?? options.threshold ?? defaultThresholds[chosen];
    const skip = (reason) => skipped.push({
      column: ref.name,
      kind,
      test: chosen,
      statistic: Number.NaN,
      threshold,
      drifted: false,
      skipped: reason
    });
    if (specs.get(ref.name)?.unique?.value && drift?.test === void 0) {
      skip("declared unique in the schema (a key): its distribution says nothing");
      continue;
    }
    if (cur.kind !== kind) {
      skip(`types differ: ${ref.type} in the reference, ${cur.type} in the data`);
      continue;
    }
    plans.push({
      name: ref.name,
      kind,
      test: chosen,
      threshold,
      severity: drift?.severity ?? "warn",
      ...drift?.line === void 0 ? {} : { line: drift.line }
    });
  }
  return { plans, skipped };
}
function exactSide(side, column) {
  const n = column.count - column.nonFinite;
  if (column.values) return { count: n, values: column.values };
  if (side.table) return { count: n, table: side.table };
  return void 0;
}
async function valuesOf(side, name) {
  if (side.values) return side.values;
  const table2 = side.table;
  return (await numericValues(table2, [name])).get(name) ?? [];
}
function valuesSql(side, name) {
  if (side.values) {
    if (side.values.length === 0) return "SELECT CAST(NULL AS DOUBLE) AS v WHERE false";
    return `SELECT CAST(unnest(string_split('${side.values.map(String).join(",")}', ',')) AS DOUBLE) AS v`;
  }
  const table2 = side.table;
  const x = doubleOf(name);
  return `SELECT ${x} AS v FROM ${table2.relation} WHERE isfinite(${x})`;
}
async function pooledInSql(reference, current, name) {
  const runner = current.table ?? reference.table;
  const [row = {}] = await runner.query(
    `WITH pooled AS (
       SELECT v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM (SELECT 0 AS s, v FROM (${valuesSql(reference, name)}) UNION ALL SELECT 1 AS s, v FROM (${valuesSql(current, name)}))
       GROUP BY v),
     cdf AS (
       SELECT v,
         CAST(sum(a) OVER w AS DOUBLE) / ${reference.count} AS f,
         CAST(sum(b) OVER w AS DOUBLE) / ${current.count} AS g,
         lead(v) OVER (ORDER BY v) AS next
       FROM pooled WINDOW w AS (ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w FROM cdf`
  );
  return { d: Number(row.d ?? 0), w: Number(row.w ?? 0) };
}
async function pooledTablesInSql(reference, current, columns) {
  const result = /* @__PURE__ */ new Map();
  if (columns.length === 0) return result;
  const indices = `[${columns.map((_, i) => i).join(", ")}]`;
  const values = `[${columns.map((column) => doubleOf(column.name)).join(", ")}]`;
  const side = (s, table2) => `SELECT ${s} AS s, unnest(${indices}) AS c, unnest(${values}) AS v FROM ${table2.relation}`;
  const sizes = (key) => `[${columns.map((column) => column[key]).join(", ")}]`;
  const rows = await current.query(
    `WITH sides AS (${side(0, reference)} UNION ALL ${side(1, current)}),
     pooled AS (
       SELECT c, v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM sides WHERE isfinite(v) GROUP BY c, v),
     cdf AS (
       SELECT c, v,
         CAST(sum(a) OVER w AS DOUBLE) / list_extract(${sizes("n")}, c + 1) AS f,
         CAST(sum(b) OVER w AS DOUBLE) / list_extract(${sizes("m")}, c + 1) AS g,
         lead(v) OVER (PARTITION BY c ORDER BY v) AS next
       FROM pooled WINDOW w AS (PARTITION BY c ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT c, max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w
     FROM cdf GROUP BY c`
  );
  for (const row of rows) {
    const column = columns[Number(row.c)];
    if (column) result.set(column.name, { d: Number(row.d ?? 0), w: Number(row.w ?? 0) });
  }
  return result;
}
function populationStd(values) {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}
function sameEdges(a, b) {
  return a !== void 0 && b !== void 0 && a.edges.length === b.edges.length && a.edges.every((e, i) => e === b.edges[i]);
}
function binPoints(column, bins) {
  const points = [];
  const weights = [];
  const k = bins.edges.length - 1;
  bins.counts.forEach((n, slot) => {
    if (n === 0) return;
    const point = slot === 0 ? column.min ?? bins.edges[0] : slot === k + 1 ? column.max ?? bins.edges[k] : (bins.edges[slot - 1] + bins.edges[slot]) / 2;
    points.push(point);
    weights.push(n);
  });
  return { points, weights };
}
function coarsen(bins) {
  const k = bins.edges.length - 1;
  const boundaries = [];
  for (let i = 0; i < k; i += coarseStep) boundaries.push(i);
  boundaries.push(k);
  const edges = boundaries.map((i) => bins.edges[i]);
  const counts = new Array(edges.length + 1).fill(0);
  counts[0] = bins.counts[0] ?? 0;
  counts[edges.length] = bins.counts[k + 1] ?? 0;
  for (let c = 0; c < boundaries.length - 1; c++) {
    for (let j = boundaries[c]; j < boundaries[c + 1]; j++) {
      counts[c + 1] = counts[c + 1] + (bins.counts[j + 1] ?? 0);
    }
  }
  return { edges, counts };
}
function formatNumber(value) {
  if (value === 0) return "0";
  const abs10 = Math.abs(value);
  return abs10 >= 1e6 || abs10 < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}
function proportions(counts) {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((n) => total === 0 ? 0 : Number((n / total).toPrecision(6)));
}
function numericChart(reference, current) {
  const k = reference.edges.length - 1;
  const labels = [];
  const ref = [];
  const cur = [];
  const refP = proportions(reference.counts);
  const curP = proportions(current.counts);
  reference.counts.forEach((_, slot) => {
    const empty2 = (reference.counts[slot] ?? 0) === 0 && (current.counts[slot] ?? 0) === 0;
    if ((slot === 0 || slot === k + 1) && empty2) return;
    labels.push(
      slot === 0 ? `< ${formatNumber(reference.edges[0])}` : slot === k + 1 ? `> ${formatNumber(reference.edges[k])}` : `${formatNumber(reference.edges[slot - 1])}\u2013${formatNumber(reference.edges[slot])}`
    );
    ref.push(refP[slot]);
    cur.push(curP[slot]);
  });
  return { labels, reference: ref, current: cur };
}
function categoryCounts(reference, current) {
  const ref = new Map(reference.categories);
  const cur = new Map(current.categories);
  if (reference.other > 0) ref.set(otherKey, reference.other);
  if (current.other > 0) cur.set(otherKey, current.other);
  return { ref, cur };
}
function categoricalChart(ref, cur) {
  const refTotal = [...ref.values()].reduce((s, n) => s + n, 0) || 1;
  const curTotal = [...cur.values()].reduce((s, n) => s + n, 0) || 1;
  const keys = [.../* @__PURE__ */ new Set([...ref.keys(), ...cur.keys()])].filter((key) => key !== otherKey);
  const weight = (key) => Math.max((ref.get(key) ?? 0) / refTotal, (cur.get(key) ?? 0) / curTotal);
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = keys.slice(0, chartCategories);
  const round2 = (x) => Number(x.toPrecision(6));
  const refShown = shown.map((key) => (ref.get(key) ?? 0) / refTotal);
  const curShown = shown.map((key) => (cur.get(key) ?? 0) / curTotal);
  const labels = [...shown];
  const refRest = 1 - refShown.reduce((s, x) => s + x, 0);
  const curRest = 1 - curShown.reduce((s, x) => s + x, 0);
  if (keys.length > shown.length || ref.has(otherKey) || cur.has(otherKey)) {
    labels.push("(other)");
    refShown.push(Math.max(refRest, 0));
    curShown.push(Math.max(curRest, 0));
  }
  return { labels, reference: refShown.map(round2), current: curShown.map(round2) };
}
async function measureNumeric(plan2, reference, current, ref, cur, pooled) {
  const n = ref.count - ref.nonFinite;
  const m = cur.count - cur.nonFinite;
  if (n === 0) return { statistic: Number.NaN, skipped: "no numeric values in the reference" };
  if (m === 0) return { statistic: Number.NaN, skipped: "no numeric values in the data" };
  const shared = sameEdges(ref.bins, cur.bins);
  const chart = shared && ref.bins && cur.bins ? numericChart(coarsen(ref.bins), coarsen(cur.bins)) : void 0;
  const exactRef = exactSide(reference, ref);
  const exactCur = exactSide(current, cur);
  const exact = exactRef && exactCur ? { ref: exactRef, cur: exactCur } : void 0;
  const withChart = (measured) => chart ? { ...measured, chart } : measured;
  const noBins = () => ({
    statistic: Number.NaN,
    skipped: "the profiles have different bin edges: profile the partitions with --reference so they share its edges"
  });
  switch (plan2.test) {
    case "ks": {
      if (exact) {
        if (Math.max(n, m) <= exactKsSize) {
          const result = ksTwoSample(
            await valuesOf(exact.ref, plan2.name),
            await valuesOf(exact.cur, plan2.name)
          );
          return withChart({ statistic: result.statistic, pValue: result.pValue });
        }
        const { d: d2 } = pooled.get(plan2.name) ?? await pooledInSql(exact.ref, exact.cur, plan2.name);
        return withChart({
          statistic: d2,
          pValue: kolmogorovTwoSidedSurvival(roundHalfEven(n * m / (n + m)), d2)
        });
      }
      if (!shared || !ref.bins || !cur.bins) return noBins();
      let f = 0;
      let g = 0;
      let d = 0;
      const refTotal = ref.bins.counts.reduce((s, c) => s + c, 0);
      const curTotal = cur.bins.counts.reduce((s, c) => s + c, 0);
      ref.bins.counts.forEach((c, slot) => {
        f += c / refTotal;
        g += (cur.bins?.counts[slot] ?? 0) / curTotal;
        d = Math.max(d, Math.abs(f - g));
      });
      return withChart({
        statistic: d,
        pValue: kolmogorovTwoSidedSurvival(roundHalfEven(n * m / (n + m)), d),
        binned: true
      });
    }
    case "wasserstein": {
      const std = Math.max(ref.values ? populationStd(ref.values) : ref.std ?? 0, 1e-3);
      if (exact) {
        const w = n + m <= fetchedWassersteinSize ? wassersteinDistance(await valuesOf(exact.ref, plan2.name), await valuesOf(exact.cur, plan2.name)) : (pooled.get(plan2.name) ?? await pooledInSql(exact.ref, exact.cur, plan2.name)).w;
        return withChart({ statistic: w / std });
      }
      if (!ref.bins || !cur.bins) return noBins();
      const u = binPoints(ref, ref.bins);
      const v = binPoints(cur, cur.bins);
      return withChart({
        statistic: wassersteinDistance(u.points, v.points, u.weights, v.weights) / std,
        binned: true
      });
    }
    default: {
      if (!shared || !ref.bins || !cur.bins) return noBins();
      const a = coarsen(ref.bins).counts;
      const b = coarsen(cur.bins).counts;
      if (plan2.test === "psi") return withChart({ statistic: populationStabilityIndex(a, b), binned: true });
      if (plan2.test === "jensen-shannon")
        return withChart({ statistic: jensenShannonDistance(a, b), binned: true });
      const result = chiSquareDrift(
        new Map(a.map((c, i) => [String(i), c])),
        new Map(b.map((c, i) => [String(i), c]))
      );
      return withChart({ statistic: result.statistic, pValue: result.pValue, binned: true });
    }
  }
}
function measureCategorical(plan2, refColumn, curColumn) {
  if (refColumn.count === 0) return { statistic: Number.NaN, skipped: "no values in the reference" };
  if (curColumn.count === 0) return { statistic: Number.NaN, skipped: "no values in the data" };
  const { ref, cur } = categoryCounts(refColumn, curColumn);
  const chart = categoricalChart(ref, cur);
  if (plan2.test === "chi-square") {
    const result = chiSquareDrift(ref, cur);
    return { statistic: result.statistic, pValue: result.pValue, chart };
  }
  const keys = [.../* @__PURE__ */ new Set([...ref.keys(), ...cur.keys()])].sort();
  const a = keys.map((key) => ref.get(key) ?? 0);
  const b = keys.map((key) => cur.get(key) ?? 0);
  if (plan2.test === "psi") return { statistic: populationStabilityIndex(a, b), chart };
  return { statistic: jensenShannonDistance(a, b), chart };
}
function describe(value) {
  if (Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "-\u221E";
  return Number(value.toPrecision(4)).toString();
}
async function compareDrift(reference, current, options) {
  const { plans, skipped } = plan(reference.profile, current.profile, options);
  const refColumns = new Map(reference.profile.columns.map((column) => [column.name, column]));
  const curColumns = new Map(current.profile.columns.map((column) => [column.name, column]));
  const columns = [...skipped];
  const checks = [];
  const pooledColumns = [];
  for (const column of plans) {
    const ref = refColumns.get(column.name);
    const cur = curColumns.get(column.name);
    if (ref?.kind !== "numeric" || cur?.kind !== "numeric" || ref.values || cur.values) continue;
    const n = ref.count - ref.nonFinite;
    const m = cur.count - cur.nonFinite;
    const pooledTest = column.test === "ks" && Math.max(n, m) > exactKsSize || column.test === "wasserstein" && n + m > fetchedWassersteinSize;
    if (pooledTest && n > 0 && m > 0) pooledColumns.push({ name: column.name, n, m });
  }
  const pooled = reference.table && current.table ? await pooledTablesInSql(reference.table, current.table, pooledColumns) : /* @__PURE__ */ new Map();
  const location = (line) => options.schema ? { location: { file: options.schema.file, ...line === void 0 ? {} : { line } } } : {};
  for (const column of plans) {
    const ref = refColumns.get(column.name);
    const cur = curColumns.get(column.name);
    let measured;
    if (ref?.kind === "numeric" && cur?.kind === "numeric") {
      measured = await measureNumeric(column, reference, current, ref, cur, pooled);
    } else if (ref?.kind === "categorical" && cur?.kind === "categorical") {
      const explicit = options.schema?.columns.find((c) => c.name === column.name)?.drift?.test !== void 0;
      const reason = categoricalSkipReason(ref, explicit);
      measured = reason ? { statistic: Number.NaN, skipped: reason } : measureCategorical(column, ref, cur);
    } else {
      continue;
    }
    const pValueTest = isPValueTest(column.test);
    const observed = pValueTest ? measured.pValue ?? Number.NaN : measured.statistic;
    const drifted = measured.skipped === void 0 && (pValueTest ? observed <= column.threshold : observed >= column.threshold);
    columns.push({
      column: column.name,
      kind: column.kind,
      test: column.test,
      statistic: measured.statistic,
      ...measured.pValue === void 0 ? {} : { pValue: measured.pValue },
      threshold: column.threshold,
      drifted,
      ...measured.chart ? { chart: measured.chart } : {},
      ...measured.skipped ? { skipped: measured.skipped } : {},
      ...measured.binned ? { binned: true } : {}
    });
    if (measured.skipped !== void 0) continue;
    const shown = pValueTest ? `${column.test} p-value ${describe(observed)} (statistic ${describe(measured.statistic)})` : `${column.test} ${describe(observed)}`;
    const verdict = drifted ? `drifted: ${shown} ${pValueTest ? "<=" : ">="} ${column.threshold}` : `no drift: ${shown} ${pValueTest ? ">" : "<"} ${column.threshold}`;
    checks.push({
      name: "drift",
      column: column.name,
      status: drifted ? column.severity === "error" ? "failed" : "warned" : "passed",
      severity: column.severity,
      message: `${verdict}${measured.binned ? " (on the profile's bins)" : ""}`,
      expected: `${pValueTest ? "p >" : "<"} ${column.threshold}`,
      observed: Number.isFinite(observed) ? Number(observed.toPrecision(6)) : String(observed),
      ...location(column.line)
    });
  }
  const compared = columns.filter((column) => column.skipped === void 0);
  const driftedCount = compared.filter((column) => column.drifted).length;
  const share = compared.length === 0 ? 0 : driftedCount / compared.length;
  const datasetDrifted = driftedCount > 0 && share >= options.share;
  const percent5 = (x) => `${Number((x * 100).toPrecision(3))}%`;
  checks.push({
    name: "drift",
    status: compared.length === 0 ? "warned" : datasetDrifted ? "failed" : "passed",
    severity: "error",
    message: compared.length === 0 ? `no shared column could be compared with the reference ${options.reference.path}` : `${driftedCount} of ${compared.length} compared columns drifted (${percent5(share)}); the data set drifts at ${percent5(options.share)}`,
    expected: `share < ${options.share}`,
    observed: Number(share.toPrecision(6))
  });
  const order = new Map(reference.profile.columns.map((column, i) => [column.name, i]));
  columns.sort((a, b) => (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0));
  return {
    summary: {
      reference: {
        path: options.reference.path,
        kind: options.reference.kind,
        digest: options.digest,
        rows: reference.profile.data.rows
      },
      columns,
      share,
      shareThreshold: options.share,
      drifted: datasetDrifted
    },
    checks
  };
}
function referenceEdges(reference) {
  const edges = /* @__PURE__ */ new Map();
  for (const column of reference.columns) {
    if (column.kind === "numeric" && column.bins) edges.set(column.name, column.bins.edges);
  }
  return edges;
}
function categoricalSkipReason(ref, explicitTest) {
  if (ref.count === 0) return void 0;
  if (ref.categories.length === 0)
    return `about ${ref.distinct} distinct values in the reference, too many to count (a key or free text)`;
  if (explicitTest) return void 0;
  if (ref.distinct > maxProfileCategories)
    return `${ref.distinct} distinct values in the reference, more than ${maxProfileCategories} (a key or free text)`;
  if (ref.count > 20 && ref.other === 0 && ref.distinct === ref.count)
    return "every reference value is distinct (a key or free text)";
  if (ref.count > 20 && ref.distinct > ref.count / 2)
    return `${ref.distinct} distinct values in ${ref.count} reference values, more than half (a key or free text)`;
  return void 0;
}
function columnsWithoutDrift(schema) {
  return new Set(
    (schema?.columns ?? []).filter((spec) => (spec.unique?.value || spec.drift?.skip) && spec.drift?.test === void 0).map((spec) => spec.name)
  );
}
function driftProfileOptions(reference, schema) {
  const without = columnsWithoutDrift(schema);
  const explicit = new Set(
    (schema?.columns ?? []).filter((spec) => spec.drift?.test !== void 0).map((spec) => spec.name)
  );
  const categories = /* @__PURE__ */ new Set();
  const countsOnly = new Set(without);
  for (const column of reference.columns) {
    if (column.kind !== "categorical" || without.has(column.name)) continue;
    if (categoricalSkipReason(column, explicit.has(column.name)) === void 0) categories.add(column.name);
    else countsOnly.add(column.name);
  }
  return { edges: referenceEdges(reference), categories, countsOnly };
}

// packages/core/src/steps/validate-data/infer.ts
var import_yaml3 = __toESM(require_dist(), 1);
var maxInferredCategories = 20;
async function inferSchema(table2, origin) {
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const plans = table2.columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const type = categoryOf(column.type);
    const aliases = { nonNull: aggregates.add(`count(${id})`) };
    if (type === "integer" || type === "string" || type === "date" || type === "datetime") {
      aliases.distinct = aggregates.add(`count(DISTINCT ${id})`);
    }
    if (type === "integer") {
      aliases.min = aggregates.add(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = aggregates.add(`CAST(max(${id}) AS VARCHAR)`);
    } else if (type === "number") {
      aliases.min = aggregates.add(`min(CAST(${id} AS DOUBLE))`);
      aliases.max = aggregates.add(`max(CAST(${id} AS DOUBLE))`);
    }
    return { column, type, aliases };
  });
  const row = await aggregates.run(table2);
  const rows = count(row[rowsAlias]);
  const profiles = plans.map(({ column, type, aliases }) => ({
    name: column.name,
    type,
    nonNull: count(row[aliases.nonNull ?? ""]),
    ...aliases.distinct ? { distinct: count(row[aliases.distinct]) } : {},
    ...aliases.min ? { min: bound(row[aliases.min], type) } : {},
    ...aliases.max ? { max: bound(row[aliases.max], type) } : {}
  }));
  const categorical = profiles.filter(
    (profile) => profile.type === "string" && profile.distinct !== void 0 && profile.distinct >= 1 && profile.distinct <= maxInferredCategories && profile.distinct < rows
  );
  if (categorical.length > 0) {
    const lists = categorical.map((profile) => {
      const id = quoteIdentifier(profile.name);
      return `list_sort(list(DISTINCT ${id}) FILTER (WHERE ${id} IS NOT NULL))`;
    });
    const [values] = await table2.query(
      `SELECT ${lists.map((sql, i) => `${sql} AS c${i}`).join(", ")} FROM ${table2.relation}`
    );
    categorical.forEach((profile, i) => {
      profile.categories = (values?.[`c${i}`] ?? []).map(String);
    });
  }
  const columns = /* @__PURE__ */ new Map();
  for (const profile of profiles) columns.set(profile.name, columnRules(profile, rows));
  const document = new import_yaml3.Document({
    version: 1,
    columns,
    table: { columns: "exact", ...rows > 0 ? { rows: { min: 1 } } : {} }
  });
  document.commentBefore = [
    ` Inferred by mlci validate-data from ${origin.file} (${rows} rows, ${origin.digest}).`,
    " Review it: bounds and categories are what this file holds, not necessarily what later data may hold."
  ].join("\n");
  return { text: document.toString({ lineWidth: 0 }), rows, columns: profiles.length };
}
function bound(raw, type) {
  if (raw === null || raw === void 0) return void 0;
  if (type === "integer") {
    const value = BigInt(String(raw));
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  return typeof raw === "number" && Number.isFinite(raw) ? raw : void 0;
}
function columnRules(profile, rows) {
  const rules = {};
  if (profile.type !== "other") rules.type = profile.type;
  rules.required = true;
  rules.nullable = profile.nonNull < rows;
  if (profile.min !== void 0) rules.min = profile.min;
  if (profile.max !== void 0) rules.max = profile.max;
  if (profile.categories && profile.categories.length > 0) rules.allowed = profile.categories;
  if (profile.distinct !== void 0 && profile.nonNull > 1 && profile.distinct === profile.nonNull)
    rules.unique = true;
  return rules;
}

// packages/core/src/steps/validate-data/merge.ts
import { createHash as createHash4 } from "node:crypto";
function mergedDigest(digests) {
  return `sha256:${createHash4("sha256").update(digests.map((digest) => `${digest}
`).join("")).digest("hex")}`;
}
function sameEdges2(a, b) {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}
function mergedType(a, b) {
  if (a === b) return a;
  const [x, y] = [categoryOf(a), categoryOf(b)];
  if ((x === "integer" || x === "number") && (y === "integer" || y === "number")) return "DOUBLE";
  return "VARCHAR";
}
function mergeNumeric(a, b, rows) {
  const n1 = a.count - a.nonFinite;
  const n2 = b.count - b.nonFinite;
  const n = n1 + n2;
  let mean;
  let std;
  if (n1 === 0) [mean, std] = [b.mean, b.std];
  else if (n2 === 0) [mean, std] = [a.mean, a.std];
  else if (a.mean !== void 0 && b.mean !== void 0 && a.std !== void 0 && b.std !== void 0) {
    const delta = b.mean - a.mean;
    mean = a.mean + delta * n2 / n;
    const m2 = a.std ** 2 * n1 + b.std ** 2 * n2 + delta * delta * n1 * n2 / n;
    std = Math.sqrt(m2 / n);
  }
  const round2 = (value) => value === void 0 ? void 0 : Number(value.toPrecision(12));
  const bins = a.bins && b.bins && sameEdges2(a.bins.edges, b.bins.edges) ? { edges: a.bins.edges, counts: a.bins.counts.map((c, i) => c + (b.bins?.counts[i] ?? 0)) } : void 0;
  const values = a.values && b.values && rows <= rawValueRows ? [...a.values, ...b.values].sort((x, y) => x - y) : void 0;
  const pick = (x, y, f) => x === void 0 ? y : y === void 0 ? x : f(x, y);
  const merged = {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: "numeric",
    count: a.count + b.count,
    nulls: a.nulls + b.nulls,
    nonFinite: a.nonFinite + b.nonFinite
  };
  const min8 = pick(a.min, b.min, Math.min);
  const max6 = pick(a.max, b.max, Math.max);
  if (min8 !== void 0) merged.min = min8;
  if (max6 !== void 0) merged.max = max6;
  if (round2(mean) !== void 0) merged.mean = round2(mean);
  if (round2(std) !== void 0) merged.std = round2(std);
  if (bins) merged.bins = bins;
  if (values) merged.values = values;
  return merged;
}
function mergeCategorical(a, b) {
  const counts = new Map(a.categories);
  for (const [value, n] of b.categories) counts.set(value, (counts.get(value) ?? 0) + n);
  const all = [...counts].sort(compareCategories);
  const categories = all.slice(0, maxProfileCategories);
  const count2 = a.count + b.count;
  const listed2 = categories.reduce((sum, [, n]) => sum + n, 0);
  const complete = a.other === 0 && b.other === 0;
  return {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: "categorical",
    count: count2,
    nulls: a.nulls + b.nulls,
    distinct: complete ? all.length : Math.max(a.distinct, b.distinct, all.length),
    categories,
    other: count2 - listed2
  };
}
function mergeProfiles(parts) {
  const [first, ...rest] = parts;
  if (!first) throw new InputError("merge-profiles: no profiles to merge");
  let columns = first.profile.columns;
  let rows = first.profile.data.rows;
  for (const part of rest) {
    const byName = new Map(part.profile.columns.map((column) => [column.name, column]));
    rows += part.profile.data.rows;
    for (const column of part.profile.columns) {
      if (!columns.some((c) => c.name === column.name)) {
        throw new InputError(`${part.file}: column ${JSON.stringify(column.name)} is not in ${first.file}`);
      }
    }
    columns = columns.map((column) => {
      const other = byName.get(column.name);
      if (!other)
        throw new InputError(
          `${part.file}: column ${JSON.stringify(column.name)} of ${first.file} is missing`
        );
      if (other.kind !== column.kind) {
        throw new InputError(
          `${part.file}: column ${JSON.stringify(column.name)} is ${other.kind} (${other.type}) but ${column.kind} (${column.type}) in ${first.file}`
        );
      }
      if (column.kind === "numeric") return mergeNumeric(column, other, rows);
      if (column.kind === "categorical") return mergeCategorical(column, other);
      const pick = (x, y, smaller) => x === void 0 ? y : y === void 0 ? x : x < y === smaller ? x : y;
      const min8 = pick(column.min, other.kind === "other" ? other.min : void 0, true);
      const max6 = pick(column.max, other.kind === "other" ? other.max : void 0, false);
      return {
        name: column.name,
        type: mergedType(column.type, other.type),
        kind: "other",
        count: column.count + other.count,
        nulls: column.nulls + other.nulls,
        ...min8 === void 0 ? {} : { min: min8 },
        ...max6 === void 0 ? {} : { max: max6 }
      };
    });
  }
  const digests = parts.map((part) => part.profile.data.digest);
  return {
    mlci: "profile",
    version: 1,
    data: {
      file: parts.map((part) => part.file).join(", "),
      format: "profiles",
      digest: mergedDigest(digests),
      rows,
      partitions: digests
    },
    columns
  };
}
var needsRows = "needs the rows: run on the partitions with --schema";
function plural3(n, word) {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
function checkProfile(profile, schema) {
  const check2 = (name, column, rule2, status, message, expected, observed) => ({
    name,
    ...column === void 0 ? {} : { column },
    status: status === "passed" ? "passed" : status === "undecided" || rule2.severity === "warn" ? "warned" : "failed",
    severity: rule2.severity,
    message,
    ...expected === void 0 ? {} : { expected },
    ...observed === void 0 ? {} : { observed },
    location: { file: schema.file, ...rule2.line === void 0 ? {} : { line: rule2.line } }
  });
  const byName = new Map(profile.columns.map((column) => [column.name, column]));
  const rows = profile.data.rows;
  const checks = [];
  for (const spec of schema.columns) {
    const column = byName.get(spec.name);
    if (!column) {
      checks.push(
        spec.required.value ? check2(
          "required",
          spec.name,
          spec.required,
          "failed",
          "column is missing from the data",
          "present",
          "absent"
        ) : check2(
          "required",
          spec.name,
          spec.required,
          "passed",
          "optional column is absent; its rules were not checked"
        )
      );
      continue;
    }
    checks.push(check2("required", spec.name, spec.required, "passed", "column is present"));
    const category = categoryOf(column.type);
    const typed = !spec.type || isCompatible(category, spec.type.value) || spec.type.value === "string";
    if (spec.type) {
      checks.push(
        typed ? check2(
          "type",
          spec.name,
          spec.type,
          "passed",
          `read as ${column.type}`,
          spec.type.value,
          column.type
        ) : check2(
          "type",
          spec.name,
          spec.type,
          "undecided",
          `read as ${column.type}; converting its values ${needsRows}`,
          spec.type.value,
          column.type
        )
      );
    }
    if (spec.nullable && !spec.nullable.value) {
      checks.push(
        check2(
          "nullable",
          spec.name,
          spec.nullable,
          column.nulls === 0 ? "passed" : "failed",
          column.nulls === 0 ? "no nulls" : `${column.nulls} of ${plural3(rows, "value")} null`,
          0,
          column.nulls
        )
      );
    }
    if (spec.maxNullFraction) {
      const fraction2 = rows === 0 ? 0 : column.nulls / rows;
      checks.push(
        check2(
          "max_null_fraction",
          spec.name,
          spec.maxNullFraction,
          fraction2 <= spec.maxNullFraction.value ? "passed" : "failed",
          `${column.nulls} of ${plural3(rows, "value")} null`,
          spec.maxNullFraction.value,
          Number(fraction2.toPrecision(6))
        )
      );
    }
    for (const key of ["min", "max"]) {
      const bound2 = spec[key];
      if (!bound2) continue;
      const limit = typeof bound2.value === "bigint" ? Number(bound2.value) : bound2.value;
      if (column.kind !== "numeric" || typeof limit !== "number" || !typed) {
        checks.push(
          check2(key, spec.name, bound2, "undecided", `${key} of a ${column.type} column ${needsRows}`, limit)
        );
        continue;
      }
      const observed = column[key];
      const ok = observed === void 0 || (key === "min" ? observed >= limit : observed <= limit);
      checks.push(
        check2(
          key,
          spec.name,
          bound2,
          ok ? "passed" : "failed",
          observed === void 0 ? "no values to compare" : ok ? `${key === "min" ? "smallest" : "largest"} value ${observed} is within ${key} ${limit}` : `${key === "min" ? "smallest" : "largest"} value ${observed} is ${key === "min" ? "below the minimum" : "above the maximum"} ${limit}`,
          limit,
          observed
        )
      );
    }
    if (spec.allowed) {
      if (column.kind !== "categorical" || column.other > 0) {
        checks.push(
          check2(
            "allowed",
            spec.name,
            spec.allowed,
            "undecided",
            column.kind === "categorical" ? `more than ${maxProfileCategories} categories; ${needsRows}` : `allowed on a ${column.type} column ${needsRows}`,
            spec.allowed.value
          )
        );
      } else {
        const allowed = new Set(spec.allowed.value.map(String));
        const outside = column.categories.filter(([value]) => !allowed.has(value));
        const n = outside.reduce((sum, [, c]) => sum + c, 0);
        checks.push(
          check2(
            "allowed",
            spec.name,
            spec.allowed,
            n === 0 ? "passed" : "failed",
            n === 0 ? "all values are allowed" : `${plural3(n, "value")} not in the allowed list, e.g. ${outside.slice(0, 5).map(([v]) => JSON.stringify(v)).join(", ")}`,
            spec.allowed.value,
            n === 0 ? void 0 : outside.slice(0, 5).map(([v]) => v)
          )
        );
      }
    }
    if (spec.regex)
      checks.push(check2("regex", spec.name, spec.regex, "undecided", `regex ${needsRows}`, spec.regex.value));
    if (spec.unique?.value)
      checks.push(check2("unique", spec.name, spec.unique, "undecided", `unique ${needsRows}`, true));
  }
  const table2 = schema.table;
  const names = profile.columns.map((column) => column.name);
  if (table2.columns.value !== "subset") {
    const declared = schema.columns.map((column) => column.name);
    const extra = names.filter((name) => !declared.includes(name));
    const inData = names.filter((name) => declared.includes(name));
    const inSchema = declared.filter((name) => inData.includes(name));
    const misordered = table2.columns.value === "ordered" && inSchema.some((name, i) => inData[i] !== name);
    const ok = extra.length === 0 && !misordered;
    checks.push(
      check2(
        "columns",
        void 0,
        table2.columns,
        ok ? "passed" : "failed",
        ok ? "columns are as the schema says" : [
          extra.length > 0 ? `columns not in the schema: ${extra.slice(0, 10).map((n) => JSON.stringify(n)).join(", ")}` : "",
          misordered ? "columns are out of the schema's order" : ""
        ].filter(Boolean).join("; "),
        table2.columns.value,
        { extra, ...misordered ? { order: inData } : {} }
      )
    );
  }
  if (table2.rowsMin) {
    checks.push(
      check2(
        "rows.min",
        void 0,
        table2.rowsMin,
        rows >= table2.rowsMin.value ? "passed" : "failed",
        plural3(rows, "row"),
        table2.rowsMin.value,
        rows
      )
    );
  }
  if (table2.rowsMax) {
    checks.push(
      check2(
        "rows.max",
        void 0,
        table2.rowsMax,
        rows <= table2.rowsMax.value ? "passed" : "failed",
        plural3(rows, "row"),
        table2.rowsMax.value,
        rows
      )
    );
  }
  for (const key of table2.unique) {
    checks.push(
      check2(
        `unique(${key.value.join(", ")})`,
        void 0,
        key,
        "undecided",
        `compound unique ${needsRows}`,
        key.value
      )
    );
  }
  return checks;
}

// packages/core/src/steps/validate-data/report.ts
var maxValueLength = 80;
function headlineOf3(result) {
  const { passed, failed, warned } = result.counts;
  const total = passed + failed + warned;
  const where = `(${result.data.path}, ${result.data.rows} ${result.data.rows === 1 ? "row" : "rows"})`;
  if (failed > 0) return `validate-data failed: ${failed} of ${total} checks failed ${where}`;
  if (warned > 0) {
    return `validate-data passed with ${warned} ${warned === 1 ? "warning" : "warnings"}: ${passed} of ${total} checks passed ${where}`;
  }
  return `validate-data passed: ${total} ${total === 1 ? "check" : "checks"} passed ${where}`;
}
function renderReport3(result) {
  const { counts, data, schema, drift } = result;
  const emoji = counts.failed > 0 ? "\u274C" : counts.warned > 0 ? "\u26A0\uFE0F" : "\u2705";
  const lines = [
    `## ${emoji} ${headlineOf3(result)}`,
    "",
    `**Data:** \`${data.path}\` (${data.format === "profiles" ? "merged profiles" : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, \`${data.digest}\`)  `,
    ...schema ? [`**Schema:** \`${schema.path}\`${schema.inferred ? " (inferred from this data)" : ""}  `] : [],
    ...drift ? [
      `**Reference:** \`${drift.reference.path}\` (${drift.reference.kind === "profile" ? "profile" : "data"}, ${drift.reference.rows} rows, \`${drift.reference.digest}\`)  `,
      `**Drift:** ${driftVerdict(drift)}  `
    ] : [],
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`
  ];
  const failed = result.checks.filter((check2) => check2.status === "failed");
  const warned = result.checks.filter((check2) => check2.status === "warned");
  const passed = result.checks.filter((check2) => check2.status === "passed");
  if (failed.length > 0) lines.push("", `### Failed (${failed.length})`, "", violations(failed));
  const columnDrift = (check2) => drift !== void 0 && check2.name === "drift" && check2.column !== void 0;
  const warnedShown = warned.filter((check2) => !columnDrift(check2));
  const warnedInDrift = warned.length - warnedShown.length;
  if (warnedShown.length > 0) {
    lines.push("", `### Warnings (${warned.length})`, "", violations(warnedShown));
    if (warnedInDrift > 0)
      lines.push(
        "",
        `\u2026 and ${warnedInDrift} drifted ${warnedInDrift === 1 ? "column" : "columns"}: see the drift table.`
      );
  } else if (warnedInDrift > 0) {
    lines.push(
      "",
      `### Warnings (${warned.length})`,
      "",
      `${warnedInDrift} drifted ${warnedInDrift === 1 ? "column" : "columns"}: see the drift table.`
    );
  }
  const ranked = drift ? rankDrift(drift.columns) : void 0;
  if (drift && ranked) lines.push(...driftSection(drift, ranked));
  if (result.hygiene) lines.push("", renderHygiene(result.hygiene).trimEnd());
  if (ranked && (ranked.compared.length > shownDriftRows(ranked) || ranked.skipped.length > namedSkipped)) {
    lines.push(
      "",
      `<details><summary>Drift of every column (${ranked.compared.length} compared${ranked.skipped.length > 0 ? `, ${ranked.skipped.length} not compared` : ""})</summary>`,
      "",
      driftTable([...ranked.compared, ...ranked.skipped]),
      "",
      "</details>"
    );
  }
  if (passed.length > 0) {
    lines.push(
      "",
      `<details><summary>Passed (${passed.length})</summary>`,
      "",
      passedTable(passed),
      "",
      "</details>"
    );
  }
  return `${lines.join("\n")}
`;
}
var chartedColumns = 5;
var nearestShown = 10;
var allShownUpTo = 25;
var namedSkipped = 20;
var maxBinLabelLength = 18;
function rankDrift(columns) {
  const compared = columns.filter((column) => column.skipped === void 0).map((column) => ({ column, severity: severityOf(column) })).sort(
    (a, b) => Number(b.column.drifted) - Number(a.column.drifted) || b.severity - a.severity || a.column.column.localeCompare(b.column.column)
  ).map(({ column }) => column);
  return {
    compared,
    drifted: compared.filter((column) => column.drifted),
    skipped: columns.filter((column) => column.skipped !== void 0)
  };
}
function isPValueTest2(test) {
  return test === "ks" || test === "chi-square";
}
function severityOf(column) {
  if (isPValueTest2(column.test) && column.pValue !== void 0) {
    return column.pValue <= 0 ? Number.POSITIVE_INFINITY : column.threshold / column.pValue;
  }
  const severity = column.statistic / column.threshold;
  return Number.isNaN(severity) ? Number.NEGATIVE_INFINITY : severity;
}
function percent4(share) {
  return `${Number((share * 100).toFixed(1))} %`;
}
function driftVerdict(drift) {
  const compared = drift.columns.filter((column) => column.skipped === void 0).length;
  const drifted = drift.columns.filter((column) => column.skipped === void 0 && column.drifted).length;
  const counted = `${drifted} of ${compared} compared ${compared === 1 ? "column" : "columns"} drifted (${percent4(drift.share)})`;
  return drift.drifted ? `\u274C the data set drifted: ${counted}, at or over the gate's ${percent4(drift.shareThreshold)}` : `\u2705 ${counted}, under the gate's ${percent4(drift.shareThreshold)}`;
}
function shownDriftRows(ranked) {
  const total = ranked.compared.length;
  return total <= allShownUpTo ? total : Math.min(total, ranked.drifted.length + nearestShown);
}
function driftSection(drift, ranked) {
  const lines = ["", `### Drift against the reference`, "", driftVerdict(drift)];
  const shown = ranked.compared.slice(0, shownDriftRows(ranked));
  if (shown.length > 0) lines.push("", driftTable(shown));
  const notShown = ranked.compared.length - shown.length;
  if (notShown > 0) {
    lines.push(
      "",
      `${notShown} more compared ${notShown === 1 ? "column" : "columns"} did not drift (further from the threshold than those above); every column is listed below.`
    );
  }
  if (ranked.skipped.length > 0) {
    const named = ranked.skipped.slice(0, namedSkipped).map((column) => `\`${column.column}\` (${column.skipped})`).join(", ");
    const more = ranked.skipped.length > namedSkipped ? `, and ${ranked.skipped.length - namedSkipped} more` : "";
    lines.push("", `Not compared: ${named}${more}.`);
  }
  const charted = ranked.drifted.filter((column) => column.chart !== void 0).slice(0, chartedColumns);
  if (charted.length > 0) {
    lines.push(
      "",
      `#### ${charted.length === 1 ? "The drifted column" : `The ${charted.length} most drifted columns`}: reference (bars) and current (line)`
    );
    for (const column of charted) lines.push("", chartCaption(column), "", driftChart(column));
  }
  return lines;
}
var testLabels = {
  ks: "KS",
  "chi-square": "chi-square",
  wasserstein: "Wasserstein / std",
  "jensen-shannon": "Jensen-Shannon",
  psi: "PSI"
};
function testLabel(column) {
  return `${testLabels[column.test]}${column.binned ? " (on bins)" : ""}`;
}
function driftTable(columns) {
  const withPValue = columns.some((column) => column.pValue !== void 0);
  return table(
    ["Column", "Test", "Statistic", ...withPValue ? ["p-value"] : [], "Drift at", "Drifted"],
    columns.map((column) => [
      column.column,
      column.skipped === void 0 ? testLabel(column) : "",
      column.skipped === void 0 ? formatNumber2(column.statistic) : "",
      ...withPValue ? [column.pValue === void 0 ? "" : formatNumber2(column.pValue)] : [],
      column.skipped === void 0 ? thresholdText(column) : "",
      column.skipped !== void 0 ? `not compared: ${column.skipped}` : column.drifted ? "\u274C yes" : "\u2705 no"
    ])
  );
}
function thresholdText(column) {
  return isPValueTest2(column.test) ? `p \u2264 ${formatNumber2(column.threshold)}` : `\u2265 ${formatNumber2(column.threshold)}`;
}
function formatNumber2(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
function chartCaption(column) {
  const p = column.pValue === void 0 ? "" : `, p = ${formatNumber2(column.pValue)}`;
  return `**${column.column.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}**: ${testLabel(column)} ${formatNumber2(column.statistic)}${p} (drift at ${thresholdText(column)})`;
}
function mermaidText(text, maxLength = Number.POSITIVE_INFINITY) {
  const flat = text.replace(/"/g, "'").replace(/[\r\n]+/g, " ");
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}\u2026` : flat;
}
function shares(values) {
  const total = values.reduce((sum, value) => sum + value, 0);
  const scaled = total > 1 + 1e-9 ? values.map((value) => value / total) : values;
  return scaled.map((value) => Number(value.toFixed(4)));
}
function driftChart(column) {
  const chart = column.chart;
  if (chart === void 0) return "";
  const reference = shares(chart.reference);
  const current = shares(chart.current);
  const top = Math.max(...reference, ...current, 0);
  const yMax = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidText(column.column, 60)}: reference (bars) vs current (line)"`,
    `  x-axis [${chart.labels.map((label) => `"${mermaidText(label, maxBinLabelLength)}"`).join(", ")}]`,
    `  y-axis "share of rows" 0 --> ${yMax}`,
    `  bar [${reference.join(", ")}]`,
    `  line [${current.join(", ")}]`,
    "```"
  ].join("\n");
}
function violations(checks) {
  return table(
    ["Column", "Rule", "Expected", "Observed", "Message"],
    checks.map((check2) => [
      check2.column ?? "(table)",
      check2.location?.line === void 0 ? check2.name : `${check2.name} (line ${check2.location.line})`,
      brief(check2.expected),
      brief(check2.observed),
      check2.message
    ])
  );
}
function passedTable(checks) {
  const byColumn = /* @__PURE__ */ new Map();
  for (const check2 of checks) {
    const column = check2.column ?? "(table)";
    const rules = byColumn.get(column) ?? [];
    rules.push(check2.name);
    byColumn.set(column, rules);
  }
  return table(
    ["Column", "Rules passed"],
    [...byColumn].map(([column, rules]) => [column, rules.join(", ")])
  );
}
function brief(value) {
  if (value === void 0 || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}\u2026` : text;
}

// packages/core/src/steps/validate-data/index.ts
async function driftOf(reference, referenceTable, current, input, meta) {
  let profile = current.profile;
  if (!profile) {
    const table2 = current.table;
    const shared = new Set(
      reference.columns.map((column) => column.name).filter((name) => table2.columns.some((c) => c.name === name))
    );
    profile = await profileTable(table2, {
      file: current.file,
      digest: current.digest,
      ...driftProfileOptions(reference, meta.schema),
      columns: shared,
      values: false
    });
  }
  const referenceSide = {
    profile: reference,
    ...referenceTable ? { table: referenceTable } : {}
  };
  const currentSide = { profile, ...current.table ? { table: current.table } : {} };
  return compareDrift(referenceSide, currentSide, {
    reference: { path: meta.path, kind: meta.kind },
    digest: reference.data.digest,
    test: input.driftTest,
    ...input.driftThreshold === void 0 ? {} : { threshold: input.driftThreshold },
    share: input.driftShare,
    ...meta.schema ? { schema: meta.schema } : {}
  });
}
async function run2(input, environment) {
  const { cwd, logger } = environment;
  const merging = input.mergeProfiles.length > 0;
  const inferred = input.inferSchema !== void 0;
  const schemaFile = input.schema ?? input.inferSchema;
  const schemaPath = schemaFile === void 0 ? void 0 : resolve9(cwd, schemaFile);
  let schema = input.schema !== void 0 ? await loadSchema(schemaPath, input.schema) : void 0;
  if (inferred) refuseOverwrite(schemaPath, schemaFile, input.force);
  const profilePath = input.writeProfile === void 0 ? void 0 : resolve9(cwd, input.writeProfile);
  if (profilePath) refuseOverwrite(profilePath, input.writeProfile, input.force);
  let reference;
  if (input.reference !== void 0) {
    const path = resolve9(cwd, input.reference);
    reference = isProfileFile(input.reference) ? { kind: "profile", file: input.reference, profile: await loadProfile(path, input.reference) } : {
      kind: "data",
      file: input.reference,
      path,
      format: formatOrFallback(input.reference, input.format)
    };
  }
  const textColumns = (schema?.columns ?? []).filter((column) => column.type?.value === "string").map((c) => c.name);
  const driftMeta = (kind) => ({
    path: input.reference,
    kind,
    schema
  });
  let outcome;
  let dataPath;
  let format2;
  if (merging) {
    format2 = "profiles";
    dataPath = input.mergeProfiles.join(", ");
    const parts = [];
    for (const file of input.mergeProfiles) {
      parts.push({ file, profile: await loadProfile(resolve9(cwd, file), file) });
    }
    const merged = mergeProfiles(parts);
    logger.info(`validate-data: merged ${parts.length} profiles (${merged.data.rows} rows)`);
    const checks2 = schema ? checkProfile(merged, schema) : [];
    let drift;
    const current = { profile: merged, file: dataPath, digest: merged.data.digest };
    if (reference?.kind === "profile") {
      drift = await driftOf(reference.profile, void 0, current, input, driftMeta("profile"));
    } else if (reference?.kind === "data") {
      const ref = reference;
      drift = await withData(
        {
          relation: relations.reference,
          path: ref.path,
          file: ref.file,
          format: ref.format,
          textColumns,
          logger,
          progress: environment.progress
        },
        async (table2) => driftOf(await profileReference(table2, ref, schema), table2, current, input, driftMeta("data"))
      );
    }
    outcome = {
      checks: [...checks2, ...drift?.checks ?? []],
      rows: merged.data.rows,
      columns: merged.columns.length,
      digest: merged.data.digest,
      ...drift ? { drift } : {},
      profile: merged
    };
  } else {
    const dataFile = input.data;
    const dataFormat = formatOf(dataFile, input.format);
    format2 = dataFormat;
    dataPath = dataFile;
    const absolute = resolve9(cwd, dataFile);
    const sources = [
      { path: absolute, file: dataFile, format: dataFormat, textColumns, logger }
    ];
    if (reference?.kind === "data") {
      sources.push({
        relation: relations.reference,
        path: reference.path,
        file: reference.file,
        format: reference.format,
        textColumns,
        logger
      });
    }
    if (input.test !== void 0) {
      sources.push({
        relation: relations.test,
        path: resolve9(cwd, input.test),
        file: input.test,
        format: formatOrFallback(input.test, input.format),
        textColumns,
        logger
      });
    }
    logger.info(`validate-data: reading ${dataFile} (${dataFormat})`);
    outcome = await withDatasets(
      sources,
      logger,
      async (tables) => {
        const table2 = tables[0];
        const referenceTable = tables.find((t) => t.relation === relations.reference);
        const testTable = tables.find((t) => t.relation === relations.test);
        const digesting = fileDigest(absolute);
        digesting.catch(() => void 0);
        const checks2 = [];
        let rows;
        if (inferred) {
          logger.info(`validate-data: inferring a schema from ${table2.columns.length} columns`);
          const written2 = await inferSchema(table2, { file: dataFile, digest: await digesting });
          await writeFileAtomic(schemaPath, written2.text);
          logger.info(`validate-data: wrote ${schemaFile}; checking the data against it`);
          schema = await loadSchema(schemaPath, schemaFile);
        }
        if (schema) {
          logger.info(
            `validate-data: checking ${schema.columns.length} schema columns against ${table2.columns.length} data columns`
          );
          const checked2 = await checkData(table2, schema);
          checks2.push(...checked2.checks);
          rows = checked2.rows;
        }
        let hygiene;
        if (testTable) {
          logger.info(`validate-data: train/test checks of ${dataFile} and ${input.test}`);
          const found = await checkHygiene(table2, testTable, {
            ...input.label === void 0 ? {} : { label: input.label },
            config: schema?.hygiene?.config ?? defaultHygieneConfig,
            ...schema ? { schemaFile: schema.file } : {},
            ...schema?.hygiene?.lines ? { lines: schema.hygiene.lines } : {}
          });
          checks2.push(...found.checks);
          hygiene = found.summary;
        }
        const digest = await digesting;
        let referenceProfile;
        if (reference?.kind === "profile") referenceProfile = reference.profile;
        else if (reference?.kind === "data" && referenceTable) {
          logger.info(`validate-data: profiling the reference ${reference.file}`);
          referenceProfile = await profileReference(referenceTable, reference, schema);
        }
        let profile;
        if (profilePath) {
          logger.info(`validate-data: profiling ${dataFile}`);
          profile = await profileTable(table2, {
            file: dataFile,
            digest,
            ...referenceProfile ? { edges: referenceEdges(referenceProfile) } : {}
          });
          rows ??= profile.data.rows;
        }
        let drift;
        if (referenceProfile) {
          logger.info(`validate-data: comparing ${dataFile} with the reference ${input.reference}`);
          drift = await driftOf(
            referenceProfile,
            referenceTable,
            { table: table2, ...profile ? { profile } : {}, file: dataFile, digest },
            input,
            driftMeta(reference?.kind ?? "data")
          );
          checks2.push(...drift.checks);
        }
        if (rows === void 0) {
          const [row] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
          rows = Number(row?.n ?? 0);
        }
        return {
          checks: checks2,
          rows,
          columns: table2.columns.length,
          digest,
          ...drift ? { drift } : {},
          ...hygiene ? { hygiene } : {},
          ...profile ? { profile } : {}
        };
      },
      environment.progress
    );
  }
  let written;
  if (profilePath && outcome.profile) {
    const text = profileText(outcome.profile);
    await writeFileAtomic(profilePath, text);
    written = { path: input.writeProfile, digest: await fileDigest(profilePath) };
    logger.info(`validate-data: wrote the profile ${input.writeProfile}`);
  }
  const checks = outcome.checks;
  const result = {
    step: "validate-data",
    status: statusOf(checks),
    checks,
    data: { path: dataPath, format: format2, digest: outcome.digest, rows: outcome.rows, columns: outcome.columns },
    ...schema && schemaPath ? { schema: { path: schemaFile, digest: await fileDigest(schemaPath), inferred } } : {},
    ...outcome.drift ? { drift: outcome.drift.summary } : {},
    ...outcome.hygiene ? { hygiene: outcome.hygiene } : {},
    ...written ? { profile: written } : {},
    counts: {
      passed: checks.filter((check2) => check2.status === "passed").length,
      failed: checks.filter((check2) => check2.status === "failed").length,
      warned: checks.filter((check2) => check2.status === "warned").length
    }
  };
  const markdown = renderReport3(result);
  const files = await writeStepReports(resolve9(cwd, input.out), result, markdown);
  return {
    result,
    headline: headlineOf3(result),
    markdown,
    // Relative to the working directory, like every path a user gives: usable as is by upload-artifact & co.
    outputs: {
      status: result.status,
      "report-path": relative4(cwd, files.markdown),
      "dataset-digest": outcome.digest,
      ...result.drift ? { "drift-share": String(Number(result.drift.share.toPrecision(6))) } : {}
    },
    files
  };
}
function refuseOverwrite(path, file, force) {
  if (!force && existsSync4(path))
    throw new InputError(`${file}: already exists; set the force option to replace it`);
}
async function profileReference(table2, reference, schema) {
  return profileTable(table2, {
    file: reference.file,
    digest: await fileDigest(reference.path),
    countsOnly: columnsWithoutDrift(schema)
  });
}
function formatOrFallback(file, explicit) {
  try {
    return formatOf(file);
  } catch (error) {
    if (explicit) return explicit;
    throw error;
  }
}
var validateDataStep = defineStep({
  name: "validate-data",
  summary: "Check a data file against its schema contract, a reference for drift, and its test set.",
  input: validateDataInput,
  outputs: {
    status: "passed or failed.",
    "report-path": "Path of the Markdown report (validate-data.md), relative to the working directory; validate-data.json and validate-data.junit.xml are next to it.",
    "dataset-digest": "sha256 digest of the data file (sha256:<hex>), for lineage records.",
    "drift-share": "Share of compared columns that drifted against the reference (0 to 1); set only when a reference is given."
  },
  run: run2
});

// packages/core/src/steps/index.ts
var steps = [
  validateDataStep,
  trainStep,
  evaluateStep
];

// packages/core/src/platform/local.ts
var LocalPlatform = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  name = "local";
  context() {
    return { platform: "local" };
  }
  async publish(report2) {
    this.logger.info(`report: ${report2.files.markdown} (also ${report2.files.json}, ${report2.files.junit})`);
  }
};

export {
  optionsOf,
  coerceOptionText,
  loadConfig,
  createProgress,
  executeStep,
  LocalPlatform,
  stderrLogger,
  commentMarker,
  fitToLimit,
  trainInput,
  formatBytes,
  steps
};
