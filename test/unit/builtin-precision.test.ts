// The precision bar of issue 5 on real audited code: no critical or high findings and at most one medium per
// 1,000 code lines, and every medium-or-above occurrence carries a reviewed verdict. Runs on three of the six
// libraries (upgradeable OpenZeppelin, Uniswap V3 core, solmate) to keep `npm test` reasonable; the report script
// covers all six (test/precision/report.ts, docs/precision.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AT_LEAST_MEDIUM, LIBRARIES, loadBuiltinFindings, mediumPerKloc, scanLibrary } from '../precision/libraries';
import { BAR_MEDIUM_PER_KLOC, loadReviews } from '../precision/report';

const CHECKED = ['@openzeppelin/contracts-upgradeable', '@uniswap/v3-core', 'solmate'];

describe('built-in pack precision on audited libraries', () => {
  const findings = loadBuiltinFindings();
  const reviews = loadReviews();
  for (const name of CHECKED) {
    const library = LIBRARIES.find((l) => l.name === name)!;
    it(name, () => {
      const scan = scanLibrary(library, findings);
      assert.ok(scan.files > 10, `scanned ${scan.files} files`);
      assert.equal(scan.syntaxErrors, 0, 'audited code parses');
      assert.equal(scan.counts.critical, 0, 'no critical findings');
      assert.equal(scan.counts.high, 0, 'no high findings');
      assert.ok(mediumPerKloc(scan) <= BAR_MEDIUM_PER_KLOC, `${mediumPerKloc(scan).toFixed(2)} medium per 1,000 code lines`);
      const unreviewed = scan.occurrences
        .filter((o) => AT_LEAST_MEDIUM.has(o.finding.severity) && !reviews[o.occurrence.fingerprint])
        .map((o) => `${o.finding.id} ${o.file}:${o.occurrence.range.start.line + 1} (${o.occurrence.fingerprint})`);
      assert.deepEqual(unreviewed, [], 'every medium-or-above occurrence has a verdict in test/precision/reviews.yaml');
    });
  }
});
