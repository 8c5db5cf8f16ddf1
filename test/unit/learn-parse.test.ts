// Reading audit reports: one report of each layout (written for these tests, test/fixtures/learn/reports), the
// findings and code links each gives, and broken reports rejected with the line where reading stopped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseCodeLink } from '../../server/src/learn/code-links';
import { parseReport, ReportError } from '../../server/src/learn';
import { severityOf } from '../../server/src/learn/severity';

const REPORTS = join(__dirname, '..', 'fixtures', 'learn', 'reports');
const read = (name: string) => readFileSync(join(REPORTS, name), 'utf8').replaceAll('{{SHA}}', 'a'.repeat(40));

describe('report layouts', () => {
  test('Code4rena: numbered findings per severity section, mitigation apart, QA passed over', () => {
    const r = parseReport(read('code4rena.md'));
    assert.equal(r.format, 'code4rena');
    assert.equal(r.title, 'Lendco');
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.severity, f.title]),
      [
        ['H-01', 'high', 'Any account can raise the liquidation bonus'],
        ['M-01', 'medium', 'Collateral is priced from pair reserves'],
        ['M-02', 'medium', 'Return value of transfer is ignored'],
      ],
    );
    const h1 = r.findings[0];
    assert.equal(h1.url, 'https://github.com/code-423n4/2099-03-lendco-findings/issues/4');
    assert.equal(h1.recommendation, 'Restrict the setter to the admin.');
    assert.match(h1.description, /no access control/);
    assert.match(h1.description, /\*\*Proof of Concept\*\*/);
    assert.deepEqual(
      h1.links.map((l) => [l.path, l.startLine, l.endLine, l.ref]),
      [['src/LendingPool.sol', 32, 34, 'a'.repeat(40)]],
    );
    assert.equal(h1.line, 22);
    assert.doesNotMatch(r.findings[2].description, /Manual review/, 'Tools Used is not part of the description');
  });

  test('Sherlock: "# Issue H-1: Title", Source line, classic sections, discussion links left out', () => {
    const r = parseReport(read('sherlock.md'));
    assert.equal(r.format, 'sherlock');
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.severity, f.url]),
      [
        ['H-1', 'high', 'https://github.com/sherlock-audit/2099-03-lendco-judging/issues/21'],
        ['M-1', 'medium', 'https://github.com/sherlock-audit/2099-03-lendco-judging/issues/30'],
      ],
    );
    assert.equal(r.findings[0].links[0].ref, 'main');
    assert.equal(r.findings[0].recommendation, 'Only let the admin set the bonus.');
    assert.match(r.findings[0].description, /^The bonus setter is unprotected\./);
    assert.deepEqual(
      r.findings[1].links.map((l) => [l.path, l.startLine]),
      [['LendingPool.sol', 48]],
    );
  });

  test('Sherlock 2024: Root Cause, Attack Path and Mitigation', () => {
    const r = parseReport(read('sherlock-2024.md'));
    assert.equal(r.format, 'sherlock');
    const [f] = r.findings;
    assert.equal(f.id, 'M-1');
    assert.match(f.description, /\*\*Root Cause\*\*/);
    assert.match(f.description, /\*\*Attack Path\*\*/);
    assert.equal(f.recommendation, 'Use a TWAP or a Chainlink feed.');
    assert.equal(f.links[0].startLine, 37);
  });

  test('Cyfrin: severity headings, titles without ids, bold labels, replies left out', () => {
    const r = parseReport(read('cyfrin.md'));
    assert.equal(r.format, 'cyfrin');
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.severity, f.title]),
      [
        ['H-1', 'high', 'Liquidation bonus setter lacks access control'],
        ['M-1', 'medium', 'Withdrawal ignores the transfer result'],
        ['I-1', 'info', 'Setters emit no events'],
      ],
    );
    assert.equal(r.findings[0].recommendation, 'Check `msg.sender == admin`.');
    assert.match(r.findings[0].description, /\*\*Impact:\*\* Anyone can change/);
    assert.doesNotMatch(r.findings[0].description + r.findings[0].recommendation, /Verified|Fixed in commit/);
    assert.deepEqual(
      r.findings[1].links.map((l) => [l.path, l.startLine]),
      [['LendingPool.sol', 48]],
    );
    assert.equal(r.findings[2].links.length, 0);
  });

  test('findings table: ID, Title, Severity, Description, Recommendation columns', () => {
    const r = parseReport(read('table.md'));
    assert.equal(r.format, 'table');
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.severity, f.line]),
      [
        ['LEND-01', 'medium', 9],
        ['LEND-02', 'high', 10],
        ['LEND-03', 'info', 11],
      ],
    );
    assert.equal(r.findings[0].recommendation, 'Use SafeERC20.');
    assert.deepEqual(
      r.findings[0].links.map((l) => [l.path, l.startLine]),
      [['src/LendingPool.sol', 48]],
    );
  });

  test('Solodit JSON export: impact, content, source link', () => {
    const r = parseReport(read('solodit.json'));
    assert.equal(r.format, 'solodit-json');
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.severity, f.url]),
      [
        ['S-41001', 'high', 'https://solodit.example/issues/41001'],
        ['S-41002', 'medium', 'https://solodit.example/issues/41002'],
      ],
    );
    assert.deepEqual(
      r.findings[0].links.map((l) => [l.path, l.startLine, l.endLine]),
      [['src/LendingPool.sol', 32, 34]],
    );
  });

  test('community report: one finding, tagged with where it came from', () => {
    const r = parseReport(read('community.md'));
    assert.equal(r.format, 'community');
    assert.equal(r.source, 'github-issue');
    assert.equal(r.url, 'https://github.com/lendco/pool/issues/7');
    const [f] = r.findings;
    assert.equal(f.severity, 'medium');
    assert.equal(f.recommendation, 'Use SafeERC20.');
    assert.doesNotMatch(f.description, /Severity:|Source:/);
    assert.equal(f.links[0].startLine, 48);
  });
});

describe('broken reports name the line where reading stopped', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['code4rena-broken.md', 7, /"X-01" has no known severity/],
    ['code4rena-unnumbered.md', 7, /expected a finding heading such as "## \[H-01\] Title"/],
    ['sherlock-broken.md', 8, /expected an issue heading such as "# Issue H-1: Title", found "# Issue H-2 no colon here"/],
    ['table-broken.md', 6, /L-2: unknown severity "Severe"/],
    ['solodit-broken.json', 6, /not valid JSON/],
    ['unknown.md', 1, /unknown report layout.*reading stopped at "# Meeting notes"/],
  ];
  for (const [file, line, message] of cases) {
    test(file, () => {
      assert.throws(
        () => parseReport(read(file)),
        (err: unknown) => err instanceof ReportError && err.line === line && message.test(err.message),
      );
    });
  }

  test('an empty report, unclosed front matter and a layout with no findings are errors too', () => {
    assert.throws(() => parseReport(''), ReportError);
    assert.throws(
      () => parseReport('---\nsponsor: x\n# High'),
      (e: unknown) => e instanceof ReportError && e.line === 1 && /never closed/.test(e.message),
    );
    assert.throws(
      () => parseReport('---\nsponsor: "X"\n---\n\n# Overview\n\nNothing.\n'),
      (e: unknown) => e instanceof ReportError && /read as a code4rena report, but it holds no findings/.test(e.message) && e.line === 5,
    );
    assert.throws(
      () => parseReport('[]'),
      (e: unknown) => e instanceof ReportError && /holds no findings/.test(e.message),
    );
  });

  test('two findings with one id', () => {
    const text = '# Issue H-1: A\n\n## Summary\nx\n\n# Issue H-1: B\n\n## Summary\ny\n';
    assert.throws(
      () => parseReport(text),
      (e: unknown) => e instanceof ReportError && e.line === 6 && /first on line 1/.test(e.message),
    );
  });
});

test('severities as reports write them', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Critical', 'critical'],
    ['High', 'high'],
    ['H', 'high'],
    ['High Risk', 'high'],
    ['Medium', 'medium'],
    ['M', 'medium'],
    ['Low', 'low'],
    ['QA', 'low'],
    ['L', 'low'],
    ['Informational', 'info'],
    ['Gas', 'info'],
    ['Gas Optimizations', 'info'],
    ['NC', 'info'],
    ['Non-Critical', 'info'],
    ['Severe', undefined],
  ];
  for (const [text, want] of cases) assert.equal(severityOf(text), want, text);
});

test('code links: blob URLs, path anchors, file:line', () => {
  const sha = 'b'.repeat(40);
  assert.deepEqual(parseCodeLink(`https://github.com/org/repo/blob/${sha}/src/X.sol#L10-L20`, 3), {
    text: `https://github.com/org/repo/blob/${sha}/src/X.sol#L10-L20`,
    path: 'src/X.sol',
    ref: sha,
    reportLine: 3,
    startLine: 10,
    endLine: 20,
  });
  assert.equal(parseCodeLink('https://github.com/org/repo/blob/main/src/X.sol#L7', 1)?.ref, 'main');
  assert.deepEqual(parseCodeLink('src/X.sol#L10', 1), { text: 'src/X.sol#L10', path: 'src/X.sol', reportLine: 1, startLine: 10, endLine: 10 });
  assert.deepEqual(parseCodeLink('X.sol:12-9', 1), { text: 'X.sol:12-9', path: 'X.sol', reportLine: 1, startLine: 9, endLine: 12 });
  assert.equal(parseCodeLink('https://github.com/org/repo/issues/4', 1), undefined);
  assert.equal(parseCodeLink('https://github.com/org/repo/blob/main/test/x.ts#L1', 1), undefined);
});

test('any text either reads as a report with findings or is a ReportError with a line inside the text', async () => {
  const fc = await import('fast-check');
  const pieces = [
    '# High Risk Findings (1)\n',
    '## [[H-01] T](https://x.invalid/1)\n',
    '## [M-2] U\n',
    '# Issue H-1: A\n',
    '# Issue M-1 B\n',
    '## High Risk\n',
    '### Title\n',
    '**Description:** d\n',
    '**Recommended Mitigation:** r\n',
    '| ID | Title | Severity |\n|--|--|--|\n',
    '| A-1 | t | High |\n',
    '| A-2 | t | Severe |\n',
    'Severity: High\n',
    'Source: https://github.com/o/r/issues/1\n',
    '---\nsponsor: x\n---\n',
    '---\n: : :\n---\n',
    'src/X.sol#L3-L1 and X.sol:9\n',
    '***\n',
    '\n',
    '[',
    '{"title": 1}',
  ];
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 20 })), { maxLength: 14 }), (parts) => {
      const text = parts.join('');
      try {
        const r = parseReport(text);
        return r.findings.length > 0 && r.findings.every((f) => f.title.length > 0 && f.line >= 1);
      } catch (err) {
        return err instanceof ReportError && err.line >= 1 && err.line <= Math.max(1, text.split('\n').length);
      }
    }),
    { numRuns: 400 },
  );
});
