// The catalogue figures of issue 21: size, findings traced to real audits or post-mortems, every OWASP Smart
// Contract Top 10 (2025) category covered, and references that say what they are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTraced } from '../../server/src/packs/catalogue-sources';
import { loadPack } from '../../server/src/packs/load';
import { OWASP_CATEGORIES, type OwaspCategory } from '../../server/src/shared/types';
import { PACK_DIR } from '../precision/libraries';

const findings = loadPack(PACK_DIR).findings;

/** Where public audit findings live, one page per finding. */
const AUDIT_PAGE = [
  /^https:\/\/github\.com\/code-423n4\/[\w.-]+-findings\/issues\/\d+$/,
  /^https:\/\/github\.com\/sherlock-audit\/[\w.-]+-judging\/issues\/\d+$/,
  /^https:\/\/codehawks\.cyfrin\.io\/c\/[\w.-]+\/s\/\d+$/,
];

describe('built-in catalogue (issue 21)', () => {
  it('holds at least 150 findings', () => assert.ok(findings.length >= 150, `${findings.length} findings`));

  it('traces at least 100 findings to a real audit finding or exploit post-mortem', () => {
    const n = findings.filter(isTraced).length;
    assert.ok(n >= 100, `${n} traced`);
  });

  it('tags every finding with an OWASP category, and each category has at least five', () => {
    const count = new Map<OwaspCategory, number>();
    for (const f of findings) {
      assert.ok(f.owasp && f.owasp in OWASP_CATEGORIES, `${f.id} has no OWASP category`);
      count.set(f.owasp, (count.get(f.owasp) ?? 0) + 1);
    }
    for (const c of Object.keys(OWASP_CATEGORIES) as OwaspCategory[]) assert.ok((count.get(c) ?? 0) >= 5, `${c}: ${count.get(c) ?? 0}`);
  });

  it('says what every reference is; audit references name the finding on its own page', () => {
    for (const f of findings)
      for (const r of f.references) {
        assert.ok(r.kind, `${f.id}: ${r.url} has no kind`);
        if (r.kind !== 'audit') continue;
        assert.ok(r.finding, `${f.id}: audit reference ${r.url} names no finding id`);
        assert.ok(AUDIT_PAGE.some((p) => p.test(r.url)) || r.title, `${f.id}: ${r.url}`);
      }
  });
});
