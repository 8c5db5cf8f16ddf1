// Where findings come from, as the catalogues say it (server/src/packs/catalogue-sources.ts): the OWASP table with
// its traced counts, and per pack version what was added or changed and from which reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changelogSources, isTraced, owaspSummary, sourcesMarkdown } from '../../server/src/packs/catalogue-sources';
import type { FindingText } from '../../server/src/shared/types';

type F = Pick<FindingText, 'id' | 'owasp' | 'references'>;
const audit = (n: string) => ({ title: `Contest #${n}: spot price`, url: `https://example.com/issues/${n}`, kind: 'audit' as const, finding: `#${n}` });
const findings: F[] = [
  { id: 'A-1', owasp: 'SC02', references: [audit('278')] },
  { id: 'A-2', owasp: 'SC02', references: [{ title: 'Uniswap docs', url: 'https://example.com/docs', kind: 'docs' }] },
  { id: 'A-3', owasp: 'SC05', references: [{ title: 'The hack, explained', url: 'https://example.com/rekt', kind: 'post-mortem' }] },
  // An audit reference without the report's finding id does not trace a finding.
  { id: 'A-4', owasp: 'SC05', references: [{ title: 'Some report', url: 'https://example.com/report', kind: 'audit' }] },
  { id: 'A-5', references: [{ swc: 'SWC-107', url: 'https://swcregistry.io/docs/SWC-107', kind: 'registry' }] },
];

test('traced: an audit reference with its finding id, or a post-mortem', () => {
  assert.deepEqual(
    findings.map((f) => isTraced(f)),
    [true, false, true, false, false],
  );
});

test('the OWASP table has all ten categories in order, their traced counts, and the untagged last', () => {
  const rows = owaspSummary(findings);
  assert.equal(rows.length, 11);
  assert.deepEqual(rows[1], { code: 'SC02', label: 'SC02 Price Oracle Manipulation', findings: 2, traced: 1 });
  assert.deepEqual(rows[4], { code: 'SC05', label: 'SC05 Reentrancy Attacks', findings: 2, traced: 1 });
  assert.deepEqual(rows[0], { code: 'SC01', label: 'SC01 Access Control Vulnerabilities', findings: 0, traced: 0 });
  assert.deepEqual(rows[10], { label: 'No OWASP category', findings: 1, traced: 0 });
  assert.equal(owaspSummary(findings.slice(0, 4)).length, 10);
});

test('per version: added and changed ids, and the reports their findings are traced to', () => {
  const log = [
    { version: '0.4.0', added: ['A-3', 'A-4'], changed: ['A-1'] },
    { version: '0.3.0', added: ['A-2'], learned: [{ report: 'https://example.com/report.md', findings: ['A-2'] }] },
  ];
  const v = changelogSources(log, findings);
  assert.deepEqual(
    v.map((e) => [e.version, e.added, e.changed, e.sources.map((s) => `${s.id} ${s.reference.url}`), e.learned]),
    [
      ['0.4.0', ['A-3', 'A-4'], ['A-1'], ['A-3 https://example.com/rekt', 'A-1 https://example.com/issues/278'], []],
      ['0.3.0', ['A-2'], [], [], ['https://example.com/report.md']],
    ],
  );
  const md = sourcesMarkdown(findings, log).join('\n');
  assert.match(md, /^2 of 5 findings are traced to a real audit/m);
  assert.match(md, /^\| SC02 Price Oracle Manipulation \| 2 \| 1 \|$/m);
  assert.match(md, /^\| \*\*Total\*\* \| 5 \| 2 \|$/m);
  assert.match(
    md,
    /^### 0\.4\.0\n\n\*\*Added \(2\)\.\*\* A-3, A-4\n\n\*\*Changed \(1\)\.\*\* A-1\n\n\*\*From these reports\.\*\*\n\n- A-3: \[The hack, explained\]\(https:\/\/example\.com\/rekt\) \(post-mortem\)\n- A-1: \[Contest #278: spot price\]\(https:\/\/example\.com\/issues\/278\) \(audit, #278\)$/m,
  );
  assert.match(
    md,
    /^### 0\.3\.0\n\n\*\*Added \(1\)\.\*\* A-2\n\n\*\*Learned from\.\*\* https:\/\/example\.com\/report\.md\n\nNone of these findings names an audit report or post-mortem yet\.$/m,
  );
  // No changelog: no version section.
  assert.doesNotMatch(sourcesMarkdown(findings, []).join('\n'), /Changes by version/);
});
