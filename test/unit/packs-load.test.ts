import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseDocument, isScalar, type Scalar } from 'yaml';
import { findExtensionRoot, LIMITS, loadBuiltinPacks, loadPack, loadPackText, type LoadedPack, type PackProblem } from '../../server/src/packs/load';
import { sourceOffsetOf } from '../../server/src/packs/yaml-source';

const FILE = '/packs/team/pack.yaml';

/** A valid finding as YAML lines (2-space list indent), with `match` lines appended by the caller. */
function finding(id: string, extra = ''): string {
  return [
    `  - id: ${id}`,
    '    title: Something bad',
    '    severity: high',
    '    confidence: high',
    '    category: tokens',
    '    description: Why it matters.',
    '    recommendation: What to do.',
    '    references:',
    '      - title: An audit',
    '        url: https://example.com/report',
    extra,
  ].join('\n');
}

function pack(...findings: string[]): string {
  return ['name: team', 'version: 1.0.0', 'findings:', ...findings].join('\n') + '\n';
}

/** 1-based "line:col" of a problem's start, the way the CLI prints it. */
function at(p: PackProblem): string {
  return `${p.range.start.line + 1}:${p.range.start.character + 1}`;
}

function only(r: LoadedPack): PackProblem {
  assert.equal(r.problems.length, 1, `expected one problem, got: ${JSON.stringify(r.problems.map((p) => `${at(p)} ${p.message}`))}`);
  return r.problems[0];
}

/** The text a problem's range covers. */
function covered(text: string, p: PackProblem): string {
  const lines = text.split('\n');
  assert.equal(p.range.start.line, p.range.end.line, 'single-line range');
  return lines[p.range.start.line].slice(p.range.start.character, p.range.end.character);
}

describe('loadPackText: valid packs', () => {
  test('a valid YAML pack loads every finding without problems', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: $T.transfer($A, $B);'), finding('TEAM-002', '    match:\n      pattern: tx.origin'));
    const r = loadPackText(text, FILE);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.findings.map((f) => f.id),
      ['TEAM-001', 'TEAM-002'],
    );
    assert.equal(r.info.name, 'team');
    assert.equal(r.info.version, '1.0.0');
    assert.equal(r.info.dir, '/packs/team');
    assert.equal(r.findings[0].pack.name, 'team');
  });

  test('a valid JSON pack loads too', () => {
    const json = JSON.stringify(
      {
        name: 'team',
        version: '2.0.0',
        findings: [
          {
            id: 'TEAM-001',
            title: 't',
            severity: 'low',
            confidence: 'low',
            category: 'c',
            description: 'd',
            recommendation: 'r',
            references: [{ swc: 'SWC-115', url: 'https://swcregistry.io/docs/SWC-115' }],
            match: { pattern: 'tx.origin' },
          },
        ],
      },
      null,
      2,
    );
    const r = loadPackText(json, '/packs/team/pack.json');
    assert.deepEqual(r.problems, []);
    assert.equal(r.findings.length, 1);
    assert.equal(r.info.version, '2.0.0');
  });
});

describe('loadPackText: errors name the exact place', () => {
  test('YAML syntax error', () => {
    const text = 'name: team\nversion: 1.0.0\nfindings:\n  - id: "TEAM-001\n';
    const r = loadPackText(text, FILE);
    assert.ok(r.problems.length >= 1);
    assert.match(r.problems[0].message, /^YAML: /);
    assert.equal(r.problems[0].severity, 'error');
    assert.ok(r.problems[0].range.start.line >= 3);
    assert.deepEqual(r.findings, []);
  });

  test('duplicate YAML keys are an error, not a silent override', () => {
    const text = 'name: team\nname: other\nversion: 1.0.0\nfindings: []\n';
    const p = only(loadPackText(text, FILE));
    assert.match(p.message, /unique/i);
    assert.equal(at(p), '2:1');
  });

  test('an enum value: the value is highlighted, allowed values listed', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin').replace('severity: high', 'severity: hgih'));
    const r = loadPackText(text, FILE);
    const p = only(r);
    assert.equal(at(p), '6:15');
    assert.equal(covered(text, p), 'hgih');
    assert.match(p.message, /TEAM-001 "severity" must be one of critical, high, medium, low, info \(got "hgih"\)/);
    assert.equal(p.findingId, 'TEAM-001');
    assert.deepEqual(r.findings, []);
  });

  test('an unknown property: the key is highlighted, with a did-you-mean', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin\n    focsu: $X'));
    const p = only(loadPackText(text, FILE));
    assert.equal(covered(text, p), 'focsu');
    assert.match(p.message, /Unknown property "focsu" in TEAM-001 \(did you mean "focus"\?\)/);
  });

  test('missing required properties are reported together on the finding', () => {
    const text = pack('  - id: TEAM-001\n    title: t\n    match:\n      pattern: tx.origin');
    const p = only(loadPackText(text, FILE));
    assert.equal(at(p), '4:5');
    assert.match(p.message, /TEAM-001 is missing required properties "severity", "confidence", "category", "description", "recommendation", "references"/);
  });

  test('a reference needs swc or title', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin').replace('      - title: An audit\n        url:', '      - url:'));
    const p = only(loadPackText(text, FILE));
    assert.match(p.message, /"references\[0\]" needs "swc" or "title"/);
    assert.equal(at(p), '12:9');
  });

  test('a match node with two kinds', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin\n      any:\n        - pattern: a'));
    const p = only(loadPackText(text, FILE));
    assert.match(p.message, /a match node has exactly one of pattern, any, all/);
    assert.equal(at(p), '14:5');
    assert.equal(covered(text, p), 'match');
  });

  test('schema errors in JSON packs point into the JSON', () => {
    const json = ['{', '  "name": "team",', '  "version": "1.0",', '  "findings": []', '}'].join('\n');
    const p = only(loadPackText(json, '/packs/team/pack.json'));
    assert.equal(at(p), '3:14');
    assert.equal(covered(json, p), '"1.0"');
    assert.match(p.message, /semver/);
  });

  test('a pattern error in a plain scalar points at the offending character', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin == $X +'));
    const r = loadPackText(text, FILE);
    const p = only(r);
    assert.equal(p.findingId, 'TEAM-001');
    assert.match(p.message, /^TEAM-001: /);
    // The engine reports an offset inside the pattern; it must land inside the pattern text on line 15.
    assert.equal(p.range.start.line, 14);
    assert.ok(p.range.start.character >= '      pattern: '.length, `column ${p.range.start.character}`);
  });

  test('a pattern error inside a block scalar lands on the right line of the file', () => {
    const text = pack(finding('TEAM-001', '    match:\n      all:\n        - pattern: |\n            foo();\n            a.b(1 +);'));
    const p = only(loadPackText(text, FILE));
    // Line 2 of the block (`a.b(1 +);`) is line 18 of the file, indented 12.
    assert.equal(p.range.start.line, 17);
    assert.ok(p.range.start.character >= 12, `column ${p.range.start.character}`);
    assert.match(p.message, /pattern/);
  });

  test('an unbound focus metavariable points at the focus value', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: a.b($X)\n    focus: $Y'));
    const p = only(loadPackText(text, FILE));
    assert.equal(at(p), '16:12');
    assert.equal(covered(text, p), '$Y');
  });

  test('an invalid regex in a where filter points at the regex', () => {
    const text = pack(
      finding(
        'TEAM-001',
        "    match:\n      all:\n        - pattern: a.b($X)\n        - where:\n            - metavariable: $X\n              regex: '(unclosed'",
      ),
    );
    const p = only(loadPackText(text, FILE));
    assert.equal(p.range.start.line, 18);
    assert.match(covered(text, p), /\(unclosed/);
  });
});

describe('loadPackText: one bad finding never disables the rest', () => {
  test('schema error, pattern error and duplicate id are each skipped; good findings load', () => {
    const text = pack(
      finding('TEAM-001', '    match:\n      pattern: tx.origin'),
      finding('TEAM-002', '    match:\n      pattern: a.b(1 +)'),
      finding('TEAM-003', '    match:\n      pattern: tx.origin').replace('confidence: high', 'confidence: sure'),
      finding('TEAM-001', '    match:\n      pattern: block.number'),
      finding('TEAM-004', '    match:\n      pattern: block.timestamp'),
    );
    const r = loadPackText(text, FILE);
    assert.deepEqual(
      r.findings.map((f) => f.id),
      ['TEAM-001', 'TEAM-004'],
    );
    assert.deepEqual(
      r.problems.map((p) => p.findingId),
      ['TEAM-002', 'TEAM-003', 'TEAM-001'],
    );
    const dup = r.problems[2];
    assert.match(dup.message, /Duplicate finding id TEAM-001 \(first defined on line 4\)/);
    assert.equal(at(dup), '40:9');
  });

  test('an error outside the findings (changelog) is reported but the findings load', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin')) + 'changelog:\n  - version: 1.0.0\n    added: [team-1]\n';
    const r = loadPackText(text, FILE);
    assert.equal(r.findings.length, 1);
    const p = only(r);
    assert.match(p.message, /must be a finding id/);
    assert.equal(p.findingId, undefined);
  });
});

describe('loadPackText: limits', () => {
  test('pack file size', () => {
    const big = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin')) + `# ${'x'.repeat(LIMITS.fileBytes)}\n`;
    const p = only(loadPackText(big, FILE));
    assert.match(p.message, /limit is 2\.0 MB/);
  });

  test('number of findings', () => {
    const many = Array.from({ length: LIMITS.findings + 1 }, (_, i) => `  - id: T-${i}`).join('\n');
    const p = only(loadPackText(pack(many), FILE));
    assert.match(p.message, /at most 2000 findings; this one has 2001/);
    assert.equal(at(p), '3:1');
    assert.equal(p.range.end.character, 'findings'.length);
  });

  test('match nesting depth', () => {
    let node = 'pattern: tx.origin';
    for (let i = 0; i < LIMITS.nestingDepth; i++) node = `any: [{${node}}]`;
    const r = loadPackText(pack(finding('TEAM-001', `    match: {${node}}`), finding('TEAM-002', '    match:\n      pattern: tx.origin')), FILE);
    assert.deepEqual(
      r.findings.map((f) => f.id),
      ['TEAM-002'],
    );
    assert.match(only(r).message, /nesting is deeper than 32 levels/);
  });

  test('metavariables per finding', () => {
    const args = Array.from({ length: LIMITS.metavariables + 1 }, (_, i) => `$V${i}`).join(', ');
    const p = only(loadPackText(pack(finding('TEAM-001', `    match:\n      pattern: f(${args})`)), FILE));
    assert.match(p.message, /uses 65 metavariables; the limit is 64/);
  });

  test('pattern length', () => {
    const long = `f(${'a + '.repeat(2600)}a)`;
    assert.ok(long.length > LIMITS.patternLength);
    const p = only(loadPackText(pack(finding('TEAM-001', `    match:\n      pattern: ${long}`)), FILE));
    assert.match(p.message, /too long: at most 10000 characters/);
  });
});

describe('loadPack: files, folders and test paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-packs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function writePack(name: string, tests: string): string {
    const p = join(dir, name);
    mkdirSync(join(p, 'tests'), { recursive: true });
    writeFileSync(join(p, 'pack.yaml'), pack(finding('TEAM-001', `    match:\n      pattern: tx.origin\n    tests: ${tests}`)));
    return p;
  }

  test('a folder is searched for pack.yaml', () => {
    const p = writePack('ok', 'tests/TEAM-001.sol');
    const r = loadPack(p);
    assert.deepEqual(r.problems, []);
    assert.equal(r.info.file, join(p, 'pack.yaml'));
    assert.equal(loadPack(join(p, 'pack.yaml')).findings.length, 1);
  });

  test('a folder without a pack file', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const p = only(loadPack(empty));
    assert.match(p.message, /No pack file in .*: expected pack\.yaml, pack\.yml, pack\.json/);
  });

  test('a path that does not exist', () => {
    const p = only(loadPack(join(dir, 'nope')));
    assert.match(p.message, /Pack not found/);
  });

  test('tests may not escape the pack folder with ..', () => {
    const r = loadPack(writePack('escape', '../other/TEAM-001.sol'));
    assert.deepEqual(r.findings, []);
    assert.match(only(r).message, /must stay inside the pack folder/);
    assert.equal(at(only(r)), '16:12');
  });

  test('tests may not be absolute', () => {
    const r = loadPack(writePack('absolute', '/etc/TEAM-001.sol'));
    assert.match(only(r).message, /relative to the pack folder, not an absolute path/);
  });

  test('tests may not be a symlink to a file outside the pack', () => {
    const p = writePack('link', 'tests/TEAM-001.sol');
    const outside = join(dir, 'outside.sol');
    writeFileSync(outside, 'contract X {}\n');
    symlinkSync(outside, join(p, 'tests', 'TEAM-001.sol'));
    const r = loadPack(p);
    assert.match(only(r).message, /is a link to a file outside it/);
  });
});

describe('built-in packs', () => {
  test('findExtensionRoot finds the package folder from the sources', () => {
    const root = findExtensionRoot();
    assert.ok(root);
    assert.equal(findExtensionRoot('/'), undefined);
  });

  test('loadBuiltinPacks loads hindsight-core without errors', () => {
    const packs = loadBuiltinPacks();
    const core = packs.find((p) => p.info.name === 'hindsight-core');
    assert.ok(core, 'hindsight-core is built in');
    assert.deepEqual(
      core.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.ok(core.findings.length >= 12);
  });
});

describe('sourceOffsetOf maps string offsets to file offsets', () => {
  function check(yamlText: string, value: string, ch: string) {
    const doc = parseDocument(yamlText);
    const node = doc.get('k', true) as Scalar;
    assert.ok(isScalar(node));
    assert.equal(node.value, value);
    const off = sourceOffsetOf(yamlText, node, value.indexOf(ch));
    assert.equal(yamlText[off], ch[0], `${JSON.stringify(yamlText)} @${off}`);
  }
  test('plain', () => check('k: a.b(c)\n', 'a.b(c)', 'c'));
  test('single-quoted with an escaped quote', () => check("k: 'it''s x'\n", "it's x", 'x'));
  test('double-quoted with escapes', () => check('k: "a\\tb \\"q\\" z"\n', 'a\tb "q" z', 'z'));
  test('literal block', () => check('k: |\n  foo();\n  bar(x);\n', 'foo();\nbar(x);\n', 'x'));
  test('folded block', () => check('k: >\n  foo\n  bar z\n', 'foo bar z\n', 'z'));
  test('multi-line plain scalar', () => check('k: foo\n  bar z\n', 'foo bar z', 'z'));
});

describe('loadPackText: a pack is data', () => {
  test('YAML tags never run code: unknown tags are reported and stay plain data', () => {
    (globalThis as { __hindsightPwned?: boolean }).__hindsightPwned = false;
    const text = pack(finding('TEAM-001', '    match:\n      pattern: !!js/function "function () { globalThis.__hindsightPwned = true }"'));
    const r = loadPackText(text, FILE);
    assert.equal((globalThis as { __hindsightPwned?: boolean }).__hindsightPwned, false);
    assert.ok(
      r.problems.some((p) => /tag/i.test(p.message)),
      JSON.stringify(r.problems),
    );
  });

  test('alias bombs are refused', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const r = loadPackText(`name: team\nversion: 1.0.0\nfindings: []\n${lines.join('\n')}\n`, FILE);
    assert.match(only(r).message, /^YAML: Excessive alias count/);
    assert.deepEqual(r.findings, []);
  });

  test('a stale changelog is a warning, not an error', () => {
    const text = pack(finding('TEAM-001', '    match:\n      pattern: tx.origin')) + 'changelog:\n  - version: 2.0.0\n    added: [TEAM-001, TEAM-009]\n';
    const r = loadPackText(text, FILE);
    assert.equal(r.findings.length, 1);
    assert.deepEqual(
      r.problems.map((p) => [p.severity, p.message]),
      [
        ['warning', 'Changelog entry 2.0.0 is newer than the pack version 1.0.0'],
        ['warning', 'Changelog says TEAM-009 was added, but the pack has no finding TEAM-009'],
      ],
    );
  });
});
