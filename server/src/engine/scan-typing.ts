// Whether the latest keystroke left a name under the cursor that nothing can declare yet: the middle of a word being
// typed (scan-reuse.ts, the `typing` case). Typed in front of another token, `uint256` passes through
// `ureturn(false, 0)` and `uint2return(false, 0)`, calls of functions that do not exist; typed as the start of a
// longer name, `am` is read on the way to `amount`. The code parses, so without this every keystroke would match
// again the units that name the member, for answers about code that calls or reads nothing real.
//
// Told from the text alone, without the model: a declaration of the word would hold the word, so a word found in
// no other place of the document and in no file of its unit (its imports, transitively) declares nothing. Words
// Solidity itself gives a meaning (types, globals, keywords, units) are never such a word, and neither is a name in
// inline assembly (Yul's built-ins and its own declarations, which the tree keeps apart from Solidity's).
import type { ParsedSource } from './parse';
import type { Node } from './pattern/ast';
import { isWordChar, WORD } from './scan-index';
import type { LazyFacts } from './scan-semantic';
import { walk } from './semantics/cfg-ast';
import type { ChangedSpan } from './parse/splice';
import { editSpan } from './semantics/incremental';

const WORD_CHARS = /^[A-Za-z0-9_$]*$/;
const WORD_START = /^[A-Za-z_$]/;
const ELEMENTARY = /^(?:u?int(?:[1-9][0-9]*)?|bytes(?:[1-9][0-9]*)?|u?fixed(?:[0-9]+x[0-9]+)?|address|bool|string|byte|var)$/;
const LANGUAGE = new Set(
  (
    'abi block msg tx this super now gasleft blockhash blobhash keccak256 sha3 sha256 ripemd160 ecrecover addmod mulmod ' +
    'require assert revert selfdestruct suicide type payable send transfer call delegatecall staticcall value gas ' +
    'length push pop wei gwei ether szabo finney seconds minutes hours days weeks years true false ' +
    'return returns if else for while do break continue throw emit new delete try catch unchecked assembly ' +
    'memory storage calldata transient public private internal external pure view constant immutable virtual override ' +
    'function modifier event error struct enum mapping contract interface library using is constructor fallback receive Error Panic'
  ).split(' '),
);

const wordSets = new WeakMap<ParsedSource, Set<string>>();

/** Every word of an imported file's text, once per parse of it. */
function wordsOf(parsed: ParsedSource): Set<string> {
  let words = wordSets.get(parsed);
  if (!words) wordSets.set(parsed, (words = new Set(parsed.text.match(WORD) ?? [])));
  return words;
}

/**
 * Whether the edit from `latest` (the text of the previous keystroke) to `parsed` typed or deleted word characters
 * only, inside a name that `member` (the function or modifier holding it, in `parsed`'s tree) uses as a plain
 * reference, and that name is declared nowhere the document can see. `span`: that edit, when the caller has it.
 */
export function typedUnknownName(
  latest: string,
  parsed: ParsedSource,
  member: Node,
  facts: LazyFacts,
  span: ChangedSpan = editSpan(latest, parsed.text),
): boolean {
  const text = parsed.text;
  const removed = latest.slice(span.start, span.oldEnd);
  const inserted = text.slice(span.start, span.newEnd);
  if ((!removed && !inserted) || !WORD_CHARS.test(removed) || !WORD_CHARS.test(inserted)) return false;
  let start = span.start;
  let end = span.newEnd;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  const word = text.slice(start, end);
  if (!WORD_START.test(word) || LANGUAGE.has(word) || ELEMENTARY.test(word)) return false;
  if (!referenceAt(member, start, end - 1, word)) return false;
  if (occursElsewhere(text, word, start)) return false;
  const context = facts.context();
  if (!context || context.solo) return true;
  let files: string[];
  try {
    files = context.project.unitFiles(context.path);
  } catch {
    return false;
  }
  for (const f of files) {
    if (f === context.path) continue;
    const p = context.project.currentParse(f);
    if (p && wordsOf(p).has(word)) return false;
  }
  return true;
}

/** The word appears, as a whole word, somewhere in `text` other than at `at`. */
function occursElsewhere(text: string, word: string, at: number): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (i === at) continue;
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
    if (i + word.length < text.length && isWordChar(text.charCodeAt(i + word.length))) continue;
    return true;
  }
  return false;
}

/**
 * An identifier node spanning exactly [start, end] (inclusive, as the parser's ranges) under `root`, as a reference:
 * `walk` skips a declaration's own name (its `identifier`), and inline assembly is not entered.
 */
function referenceAt(root: Node, start: number, end: number, name: string): boolean {
  let found = false;
  walk(root, (n) => {
    const r = n.range;
    if (found || (r && (r[1] < start || r[0] > end)) || n.type === 'InlineAssemblyStatement') return false;
    if (n.type === 'Identifier' && r && r[0] === start && r[1] === end) found = n.name === name;
  });
  return found;
}
