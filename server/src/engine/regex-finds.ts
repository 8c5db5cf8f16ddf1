// `where: regex` runs on the text of every candidate, and over a scan the same short texts come back: a name,
// `msg.sender`, a type. On OpenZeppelin's cold scan the filters ran re2js 39,182 times on 15,043 distinct
// (regex, text) pairs. re2js keeps regexes linear in time, not fast per run, so each regex remembers its answers
// for short texts. Long texts (function bodies) rarely come back and are matched every time.
import type { RE2JS } from 're2js';

/** Longer texts are matched without being remembered. */
const MAX_TEXT = 128;
/** Answers kept per regex; past this the regex starts over (a server runs for days over changing code). */
const MAX_ANSWERS = 2048;

const answers = new WeakMap<RE2JS, Map<string, boolean>>();

/** `re.matcher(text).find()`: whether `re` matches somewhere in `text`. */
export function regexFinds(re: RE2JS, text: string): boolean {
  if (text.length > MAX_TEXT) return mayFind(re, text) && re.matcher(text).find();
  let known = answers.get(re);
  if (!known) answers.set(re, (known = new Map()));
  let found = known.get(text);
  if (found === undefined) {
    found = mayFind(re, text) && re.matcher(text).find();
    if (known.size >= MAX_ANSWERS) known.clear();
    known.set(text, found);
  }
  return found;
}

/**
 * A test every text the regex matches in passes, read off its source, or null when none is known. Long texts
 * (function bodies) are each matched once, and re2js reads all of one to say no: HS-CODE-001's bidi check and an
 * assembly regex were ~0.1 s of a cold scan of OpenZeppelin, on texts without a non-ASCII character or without
 * the word `assembly`. The tests are plain substring or one-character-class searches: linear, like RE2.
 */
const prechecks = new WeakMap<RE2JS, ((text: string) => boolean) | null>();

function mayFind(re: RE2JS, text: string): boolean {
  let test = prechecks.get(re);
  if (test === undefined) prechecks.set(re, (test = re.flags() === 0 ? precheckOf(re.pattern()) : null));
  return !test || test(text);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The precheck of a regex source (exported for tests). */
export function precheckOf(source: string): ((text: string) => boolean) | null {
  if (nonAsciiClass(source)) return (text) => NON_ASCII.test(text);
  const literal = leadingLiteral(source);
  return literal && literal.length >= 3 ? (text) => text.includes(literal) : null;
}

/** A lone character class of code points past ASCII, `[\x{202A}-\x{202E}]`: a match needs a non-ASCII character. */
function nonAsciiClass(source: string): boolean {
  const m = /^\[((?:\\x\{[0-9A-Fa-f]{1,6}\}(?:-\\x\{[0-9A-Fa-f]{1,6}\})?)+)\]$/.exec(source);
  if (!m) return false;
  for (const hex of m[1].match(/[0-9A-Fa-f]+/g) ?? []) if (Number.parseInt(hex, 16) < 0x80) return false;
  return true;
}

/**
 * The literal text every match starts with, after flags that do not change what a letter matches (`(?s)`, `(?m)`)
 * and anchors (`^`, `\b`, `\A`): letters, digits, `_` and escaped punctuation, up to the first other syntax. An
 * alternative at the top level (`a|b`) or case folding gives none; a quantifier takes the atom it follows off.
 */
export function leadingLiteral(source: string): string | undefined {
  if (topLevelAlternative(source)) return undefined;
  let i = 0;
  for (;;) {
    const flags = /^\(\?[msU]+\)/.exec(source.slice(i));
    if (flags) i += flags[0].length;
    else if (source[i] === '^') i++;
    else if (source.startsWith('\\b', i) || source.startsWith('\\A', i)) i += 2;
    else break;
  }
  const atoms: string[] = [];
  while (i < source.length) {
    const ch = source[i];
    if (/[A-Za-z0-9_]/.test(ch)) {
      atoms.push(ch);
      i++;
    } else if (ch === '\\' && i + 1 < source.length && /[!-/:-@[-`{-~]/.test(source[i + 1])) {
      atoms.push(source[i + 1]);
      i += 2;
    } else break;
  }
  if (i < source.length && '?*{'.includes(source[i])) atoms.pop();
  return atoms.join('');
}

/** Whether the source has a `|` outside every group and character class. */
function topLevelAlternative(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      // A class: `]` right after `[` or `[^` is a member; escapes inside are skipped.
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}
