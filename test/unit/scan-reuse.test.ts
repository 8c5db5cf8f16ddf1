// A keystroke that changes nothing the last full scan rested on takes its matches, moved (engine/scan-reuse.ts):
// an edit between units is exactly a fresh scan's; while a function or modifier does not parse, the document keeps
// its last good version, and the scan equals a fresh scan of the last good text less the member's own findings
// (scan-kept-oracle.ts); while a name that nothing declares is typed in one, the whole last good scan, moved. The harness checks one or the other after every keystroke; these tests make sure both
// happen, and that what must scan in full does: a member deleted outright, renamed or moved, an edit elsewhere
// while a member is broken, an imported file that changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanParsed, UnitMemory, type Finding } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { assertKept, assertTyping } from './scan-kept-oracle';
import { editedFile, GATE, GUARD_CHECK, GUARDED_BASE, GUARDED_MAIN, projectOfTexts } from './scan-semantic-harness';

const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

const NAMES = ['_checkOwner', 'setFee', 'setOwner', 'upgradeTo', '_pay', 'withdraw', 'sweep', 'deposit', 'pauseAll', 'claim'];
const report = (r: { occurrences: Array<{ findingId: string; range: { start: { line: number } } }> }) =>
  r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort();

function bodyStart(text: string, name: string): number {
  const at = text.indexOf('{', text.indexOf(`function ${name}(`)) + 1;
  return at + /^\s*/.exec(text.slice(at))![0].length;
}

/** The end of the member starting at `from`: after its closing brace (the fixture's members end on `    }`). */
function memberEnd(text: string, from: number): number {
  return text.indexOf('\n    }\n', from) + 6;
}

function typeAt(f: ReturnType<typeof editedFile>, at: number, typed: string): Array<string | undefined> {
  const kept: Array<string | undefined> = [];
  for (const [i, ch] of [...typed].entries()) {
    f.splice(at + i, 0, ch);
    f.scan();
    kept.push(f.memory.last.kept);
  }
  return kept;
}

test('a guard helper that stops parsing keeps its last good version; deleting it outright scans in full', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  const start = f.scan();
  const inHelper = (text: string) => [text.indexOf('function _checkOwner('), text.indexOf('function setOwner(')];
  const outside = (text: string) => {
    const [s, e] = inHelper(text).map((o) => text.slice(0, o).split('\n').length - 1);
    return (x: string) => Number(x.split('@')[1]) < s || Number(x.split('@')[1]) >= e;
  };
  // Typed at the start of its body, which starts with a call of require: `urequire(...)` up to
  // `uint256require(...)` call what nothing declares (typing), `uint256 ` breaks it, `uint256 hindsightBench
  // =require(...)` mends it, `arequire(...)` is typing again, `a require` breaks it, `a +require(...)` mends it.
  const kept = typeAt(f, bodyStart(f.text(), '_checkOwner'), 'uint256 hindsightBench = a + 1; ');
  assert.deepEqual(kept.map((k) => (k === 'broken' ? 'b' : k === 'typing' ? 't' : '.')).join(''), 'tttttttbbbbbbbbbbbbbbbb..tb..b..', `${kept}`);
  // Broken again, and callers' findings stay as they were (a fresh scan of the broken text would see no guard).
  f.edit('require(msg.sender == owner, "owner");', 'require(msg.sender == owner, "owner"');
  const broken = f.scan();
  assert.equal(f.memory.last.kept, 'broken');
  assert.deepEqual(broken, start.filter(outside(f.text())));
  // Deleted outright (exactly its text): nothing fails to parse there, so the file is scanned in full.
  const text = f.text();
  const s = inHelper(text)[0];
  f.splice(s, memberEnd(text, s) - s, '');
  f.scan();
  assert.equal(f.memory.last.kept, undefined);
});

test('an edit between members (a comment) takes the last scan exactly; one inside a member does not', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  const start = f.scan();
  // On the empty line before setFee.
  const kept = typeAt(f, f.text().indexOf('    function setFee(') - 1, '    // pay later');
  assert.ok(
    kept.every((k) => k === 'gap'),
    `${kept}`,
  );
  assert.deepEqual(f.scan(), start);
  typeAt(f, bodyStart(f.text(), 'deposit'), 'total;');
  assert.equal(f.memory.last.kept, undefined);
});

test('a broken state variable, and a comment typed elsewhere while a function is broken, scan in full', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  f.scan();
  f.edit('uint256 public fee;', 'uint256 public fee +;');
  f.scan();
  assert.equal(f.memory.last.kept, undefined, 'only a function or modifier is kept');
  f.edit('uint256 public fee +;', 'uint256 public fee;');
  f.scan();
  f.edit('_pay(to, address(this).balance);', '_pay(to, address(this).balance;');
  f.scan();
  assert.equal(f.memory.last.kept, 'broken');
  // Right after the broken member: no unit lies between the two edits.
  f.edit('    function scaled(', '    // later\n    function scaled(');
  f.scan();
  assert.equal(f.memory.last.kept, undefined, 'an edit outside the broken member');
});

test('random typing, breaking, deleting, renaming and moving members equals a fresh scan or the last good one', () => {
  const counts = { broken: 0, gap: 0, spaces: 0, typing: 0, full: 0 };
  const step = fc.oneof(
    // As the benchmark types: one character a scan, at the start of a body; often left broken.
    fc.record({ kind: fc.constant('type' as const), fn: fc.nat(NAMES.length - 1), chars: fc.integer({ min: 1, max: 32 }) }),
    // A member deleted, renamed or moved (its text cut and pasted before another), broken or not.
    fc.record({ kind: fc.constantFrom('delete' as const, 'rename' as const, 'move' as const), fn: fc.nat(NAMES.length - 1), to: fc.nat(NAMES.length - 1) }),
    // Anywhere: a caller edited while a member is broken, a comment typed, a brace.
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat(4),
      insert: fc.constantFrom('', 'x', ';', '}', '(', '// c\n', '_checkOwner(); ', '_pay(msg.sender, 1); ', 'owner = msg.sender; '),
    }),
  );
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
      const f = editedFile('/hindsight-test/Gate.sol', GATE, () => []);
      const tally = () => {
        counts[f.memory.last.kept ?? 'full']++;
      };
      f.scan();
      for (const s of steps) {
        const text = f.text();
        if (s.kind === 'splice') {
          f.splice(Math.floor(s.at * text.length), s.remove, s.insert);
          f.scan();
          tally();
          continue;
        }
        const from = text.indexOf(`function ${NAMES[s.fn]}(`);
        if (from < 0) continue;
        if (s.kind === 'type') {
          const at = bodyStart(text, NAMES[s.fn]);
          for (const [i, ch] of [...'uint256 hindsightBench = a + 1; '.slice(0, s.chars)].entries()) {
            f.splice(at + i, 0, ch);
            f.scan();
            tally();
          }
          continue;
        }
        const end = memberEnd(text, from);
        const member = text.slice(from, end);
        if (s.kind === 'delete') f.splice(from, end - from, '');
        else if (s.kind === 'rename') f.splice(from + 'function '.length, NAMES[s.fn].length, `${NAMES[s.fn]}2`);
        else {
          const to = text.indexOf(`function ${NAMES[s.to]}(`);
          if (to < 0 || (to >= from && to < end)) continue;
          f.splice(from, end - from, '');
          f.splice(to > from ? to - member.length : to, 0, member);
        }
        f.scan();
        tally();
      }
    }),
    { seed: 20261207, numRuns: 40 },
  );
  assert.ok(counts.broken > 50 && counts.gap > 5 && counts.typing > 20 && counts.full > 50, JSON.stringify(counts));
});

test('an imported file that changes while a member is broken scans in full', () => {
  const BASE = GUARDED_BASE.path;
  const MAIN = GUARDED_MAIN.path;
  const base0 = GUARDED_BASE.text;
  const main0 = GUARDED_MAIN.text.replace(/\n}\n$/, '\n\n    function helper() internal pure returns (uint256) {\n        return 1;\n    }\n}\n');
  const texts = new Map<string, ParsedSource>([
    [BASE, parseSource(base0)],
    [MAIN, parseSource(main0)],
  ]);
  const projectOf = () => projectOfTexts(texts);
  const project = projectOf();
  const memory = new UnitMemory();
  const semantic = () => {
    project.update(MAIN, texts.get(MAIN)!);
    return { project, path: MAIN };
  };
  const scan = () => scanParsed(texts.get(MAIN)!, FINDINGS, { memory, semantic });
  const fresh = (parsed: ParsedSource) => {
    const p = projectOf();
    p.update(MAIN, parsed);
    return scanParsed(parsed, FINDINGS, { semantic: { project: p, path: MAIN } });
  };
  const set = (file: string, text: string) => {
    const next = parseSource(text, texts.get(file));
    texts.set(file, next);
    if (file !== MAIN) project.update(file, next);
  };
  scan();
  const good = texts.get(MAIN)!;
  set(MAIN, main0.replace('return 1;', 'return 1 +;'));
  const kept = scan();
  assert.equal(memory.last.kept, 'broken');
  assertKept(kept, good, texts.get(MAIN)!, fresh(good));
  // The base loses its guard (and gains a variable, so that the model builds it again): the broken member is the
  // same, but the scan rests on the import and is done again.
  set(BASE, base0.replace(GUARD_CHECK, '').replace('address public owner;', 'address public owner;\n    uint256 public x;'));
  const again = scan();
  assert.equal(memory.last.kept, undefined);
  assert.deepEqual(again, fresh(texts.get(MAIN)!));
});

test('a name typed in a function keeps the last scan until it names something, or the keystroke is not part of it', () => {
  const f = editedFile('/hindsight-test/Gate.sol', GATE, report);
  const start = f.scan();
  // `owner = o;` retyped as `owner = pendingOwner;`: every prefix names nothing, the whole word a state variable.
  const at = f.text().indexOf('owner = o;') + 'owner = '.length;
  f.splice(at, 1, '');
  f.scan();
  assert.equal(f.memory.last.kept, 'broken', 'nothing after `=`');
  const kept = typeAt(f, at, 'pendingOwner');
  assert.deepEqual(kept.map((k) => (k === 'typing' ? 't' : '.')).join(''), 'ttttttttttt.', `${kept}`);
  // Back to the first text (a word deleted down to a known one, then a full word typed): the first scan's result.
  f.edit('owner = pendingOwner;', 'owner = o;');
  assert.deepEqual(f.scan(), start);
  // Edits of one word each, scanned in full: a word of the language (`msg`), a name the file declares (`fee`), a
  // name being declared (a local's), a member name, a name in inline assembly. Each set-up edit is not one word.
  for (const [setUp, from, to] of [
    ['', 'owner = o;', 'owner = msg;'],
    ['', 'owner = msg;', 'owner = fee;'],
    ['owner = o; uint256 fresh;', 'fresh;', 'freshN;'],
    ['owner = o; msg.sender;', 'sender;', 'sendr;'],
    ['owner = o; assembly { let q := mloa(0) }', 'mloa(', 'mload('],
  ]) {
    if (setUp) {
      f.edit(f.text().slice(f.text().indexOf('owner = '), f.text().indexOf(';', f.text().indexOf('owner = ')) + 1), setUp);
      f.scan();
      assert.equal(f.memory.last.kept, undefined, setUp);
    }
    f.edit(from, to);
    f.scan();
    assert.equal(f.memory.last.kept, undefined, to);
  }
  // Nor a name in inline assembly, called or declared.
  f.edit('mload(', 'mloadx(');
  f.scan();
  assert.equal(f.memory.last.kept, undefined);
  f.edit('let q :=', 'let qx :=');
  f.scan();
  assert.equal(f.memory.last.kept, undefined);
});

test('a name typed that only an imported file declares scans in full', () => {
  const BASE = GUARDED_BASE.path;
  const MAIN = GUARDED_MAIN.path;
  const texts = new Map<string, ParsedSource>([
    [BASE, parseSource(GUARDED_BASE.text)],
    [MAIN, parseSource(GUARDED_MAIN.text.replace('_guard();', '_g();'))],
  ]);
  const project = projectOfTexts(texts);
  const memory = new UnitMemory();
  const semantic = () => {
    project.update(MAIN, texts.get(MAIN)!);
    return { project, path: MAIN };
  };
  const fresh = (parsed: ParsedSource) => {
    const p = projectOfTexts(texts);
    p.update(MAIN, parsed);
    return scanParsed(parsed, FINDINGS, { semantic: { project: p, path: MAIN } });
  };
  const scan = () => scanParsed(texts.get(MAIN)!, FINDINGS, { memory, semantic });
  scan();
  const good = texts.get(MAIN)!;
  // `_g();` typed on to `_guard();`: every prefix names nothing, `_guard` is declared in Base.sol alone.
  const typed: Array<string | undefined> = [];
  for (const name of ['_gu', '_gua', '_guar', '_guard']) {
    texts.set(MAIN, parseSource(GUARDED_MAIN.text.replace('_guard();', `${name}();`), texts.get(MAIN)));
    const r = scan();
    typed.push(memory.last.kept);
    if (memory.last.kept === 'typing') assertTyping(r, good, texts.get(MAIN)!, fresh(good));
    else assert.deepEqual(r, fresh(texts.get(MAIN)!));
  }
  assert.deepEqual(typed, ['typing', 'typing', 'typing', undefined]);
});
