// Pack authoring that helps: every problem of a pack in one run (a YAML error hides nothing else), YAML errors
// explained in the terms of a pattern author, patterns that would match nearly everything refused with the
// reason, and Semgrep's keys recognised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasLiteralToken } from '../../server/src/packs/breadth';
import { loadPackText, type LoadedPack, type PackProblem } from '../../server/src/packs/load';

const FILE = '/packs/team/pack.yaml';

function finding(id: string, match: string[], extra: string[] = []): string {
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
    ...extra,
    '    match:',
    ...match.map((l) => `      ${l}`),
  ].join('\n');
}

function pack(...findings: string[]): string {
  return ['name: team', 'version: 1.0.0', 'findings:', ...findings].join('\n') + '\n';
}

function lines(r: LoadedPack): string[] {
  return r.problems.map((p: PackProblem) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

test('a YAML error hides no schema or pattern error elsewhere in the pack, and the good findings still load', () => {
  const text = pack(
    finding('TEAM-001', ['pattern: $A.call{value: $V}("")']),
    finding('TEAM-002', ['pattern: $T.transfer($TO, $AMT);'], ['    severity: severe']).replace('    severity: high\n', ''),
    finding('TEAM-003', ['pattern: "$T.transfer($TO, $AMT"']),
    finding('TEAM-004', ['pattern: $T.approve($S, $AMT);']),
  );
  const r = loadPackText(text, FILE);
  const got = lines(r);
  assert.equal(got.length, 3, got.join('\n'));
  assert.match(
    got[0],
    /^\d+:\d+ YAML: Nested mappings are not allowed in compact mappings \(": " inside an unquoted value starts a new key: quote the value — write it as pattern: '\$A\.call\{value: \$V\}\(""\)'/,
  );
  assert.match(got[1], /TEAM-002 "severity" must be one of critical, high, medium, low, info \(got "severe"\)/);
  assert.match(got[2], /TEAM-003: /);
  // TEAM-001 is what the YAML error broke: reported once, not again as "pattern must be a string".
  assert.ok(!got.some((l) => /TEAM-001 "match/.test(l)), got.join('\n'));
  assert.deepEqual(
    r.findings.map((f) => f.id),
    ['TEAM-004'],
  );
});

test('YAML errors say what to quote', () => {
  const cases: Array<[string, RegExp]> = [
    ['pattern: { $X; } + 1', /a value that starts with \{ is read as a YAML mapping: quote it — write it as pattern: '\{ \$X; \} \+ 1'/],
    ['pattern: *ptr = 1', /a value that starts with \* is read as a YAML alias: quote it/],
    ['pattern: `x`', /a YAML value cannot start with `: quote it/],
    ['pattern: @x.y()', /a YAML value cannot start with @: quote it/],
  ];
  for (const [line, hint] of cases) {
    const r = loadPackText(pack(finding('TEAM-001', [line]), finding('TEAM-002', ['pattern: $T.approve($S, $AMT);'])), FILE);
    const yaml = r.problems.filter((p) => p.message.startsWith('YAML:'));
    assert.ok(yaml.length >= 1, `${line}: ${lines(r).join('\n')}`);
    assert.match(yaml[0].message, hint, line);
    assert.deepEqual(
      r.findings.map((f) => f.id),
      ['TEAM-002'],
      line,
    );
  }
  const tabs = loadPackText('name: team\nversion: 1.0.0\nfindings:\n\t- id: X-1\n', FILE);
  assert.match(lines(tabs)[0], /indent with spaces/);
  // A flow mapping that is valid YAML is a schema error, with the same advice.
  const flow = loadPackText(pack(finding('TEAM-001', ['pattern: {value: 1}'])), FILE);
  assert.match(
    lines(flow).join('\n'),
    /TEAM-001 "match\.pattern" must be a string \(got a mapping\): a value that starts with \{ or \[ is read as YAML; quote it/,
  );
});

test('patterns that would match nearly everything are refused, with the reason and where', () => {
  for (const p of ['$X', '$X;', '...', '$F(...)', '$X.$Y($Z)', '$A[$I]', '{ ... }', '$_']) {
    const r = loadPackText(pack(finding('TEAM-001', [`pattern: '${p}'`])), FILE);
    const got = lines(r);
    assert.equal(got.length, 1, `${p}: ${got.join('\n')}`);
    assert.match(got[0], /^15:16 TEAM-001: the pattern ".*" would match nearly everything: it has no literal token/, p);
    assert.equal(r.findings.length, 0, p);
  }
  // In an `any`, one broad alternative makes the whole union broad.
  const any = loadPackText(pack(finding('TEAM-001', ['any:', '  - pattern: $T.transfer($A, $B)', '  - pattern: $F($A, $B)'])), FILE);
  assert.match(lines(any).join('\n'), /^17:\d+ TEAM-001: the pattern "\$F\(\$A, \$B\)" would match nearly everything/);
  // Anchored by another positive item, or narrowed by a where filter: accepted.
  const ok = [
    ['all:', '  - pattern: $F(...)', '  - pattern: $T.transfer($A, $B)'],
    ['all:', '  - pattern: $CALL(...)', '  - where:', '      - call: match', '        sends-value: true'],
    ['pattern: $X = $Y'],
    ['pattern: msg.sender'],
    ['pattern: $X + 1'],
  ];
  for (const m of ok) {
    const r = loadPackText(pack(finding('TEAM-001', m)), FILE);
    assert.deepEqual(lines(r), [], m.join(' / '));
  }
  assert.equal(hasLiteralToken('$X /* a comment */ ; // more'), false);
  assert.equal(hasLiteralToken('$...ARGS'), false);
  assert.equal(hasLiteralToken('new $T(...)'), true);
});

test('Semgrep keys are recognised, with what Hindsight says instead', () => {
  const cases: Array<[string[], RegExp]> = [
    [
      ['pattern-either:', '  - pattern: $T.transfer($A, $B)'],
      /Unknown property "pattern-either" in TEAM-001 "match": this is Semgrep's key; did you mean "any"\?/,
    ],
    [['patterns:', '  - pattern: $T.transfer($A, $B)'], /"patterns" .*did you mean "all"\?/],
    [['all:', '  - pattern: $T.transfer($A, $B)', '  - pattern-not: $T.transfer(a, b)'], /"pattern-not" .*did you mean "not"\?/],
    [['all:', '  - pattern: $T.transfer($A, $B)', '  - pattern-inside: function $F(...) { ... }'], /"pattern-inside" .*did you mean "inside"\?/],
    [['all:', '  - pattern: $T.transfer($A, $B)', '  - pattern-not-inside: function $F(...) { ... }'], /"pattern-not-inside" .*did you mean "not-inside"\?/],
    [
      ['all:', '  - pattern: $T.transfer($A, $B)', '  - metavariable-regex:', '      metavariable: $T', '      regex: token'],
      /"metavariable-regex" .*did you mean where: - metavariable: \$X, regex: \.\.\.\?/,
    ],
  ];
  for (const [match, expected] of cases) {
    const r = loadPackText(pack(finding('TEAM-001', match)), FILE);
    assert.match(lines(r).join('\n'), expected, match.join(' / '));
  }
  const msg = loadPackText(pack(finding('TEAM-001', ['pattern: $T.transfer($A, $B)'], ['    message: Transfer unchecked', '    languages: [solidity]'])), FILE);
  assert.match(lines(msg).join('\n'), /"message" .*did you mean description \(and title, recommendation\)\?/);
  assert.match(lines(msg).join('\n'), /"languages" .*leave languages out/);
  const rules = loadPackText('rules:\n  - id: x\n', FILE);
  assert.match(lines(rules).join('\n'), /Unknown property "rules" in the pack: this is Semgrep's key; did you mean "findings"\?/);
  const sev = loadPackText(pack(finding('TEAM-001', ['pattern: $T.transfer($A, $B)']).replace('severity: high', 'severity: ERROR')), FILE);
  assert.match(lines(sev).join('\n'), /Semgrep's ERROR, WARNING and INFO are roughly high, medium and low/);
  const top = loadPackText(pack(finding('TEAM-001', ['pattern: $T.transfer($A, $B)'], ['    pattern: $T.approve($A, $B)'])), FILE);
  assert.match(lines(top).join('\n'), /Unknown property "pattern" in TEAM-001: a finding's pattern goes under match:/);
});
