import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { CLI_PACK, makeTree, removeBundle, ROOT, runCli, sol } from './cli-helpers';

// The official OASIS schema (see test/fixtures/sarif/SOURCE.md).
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF does not validate:\n${JSON.stringify(validate.errors, null, 2)}`);
}

describe('hindsight scan --format sarif', () => {
  let ws = '';
  let log: Sarif.Log;
  before(async () => {
    ws = makeTree({
      'contracts/A.sol': sol.both,
      'contracts/With Space.sol': sol.high,
      'contracts/Broken.sol': 'pragma solidity ^0.8.20;\ncontract B { function f() external { uint x = ; } }\n',
    });
    const r = await runCli(['scan', '--no-builtin', '--pack', CLI_PACK, '--format', 'sarif', '.'], { cwd: ws });
    assert.equal(r.code, 1, r.stderr);
    log = JSON.parse(r.stdout) as Sarif.Log;
  });
  after(() => {
    rmSync(ws, { recursive: true, force: true });
    removeBundle();
  });

  test('validates against the official SARIF 2.1.0 schema', () => assertValid(log));

  test('tool.driver describes every rule for GitHub code scanning', () => {
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'hindsight');
    assert.match(driver.version ?? '', /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const rule = driver.rules!.find((r) => r.id === 'CLI-HIGH-1')!;
    assert.ok(rule);
    assert.equal(rule.shortDescription?.text, 'Authorisation through tx.origin');
    assert.match(rule.fullDescription?.text ?? '', /tx\.origin is the account/);
    assert.match(rule.help?.text ?? '', /Recommendation: Compare msg\.sender instead\./);
    assert.match(rule.help?.markdown ?? '', /\[SWC-115\]\(https:\/\/swcregistry\.io\/docs\/SWC-115\)/);
    assert.equal(rule.helpUri, 'https://swcregistry.io/docs/SWC-115');
    assert.equal(rule.defaultConfiguration?.level, 'error');
    assert.equal(rule.properties?.['security-severity'], '8.0');
    assert.deepEqual(rule.properties?.tags, ['security', 'solidity', 'access-control', 'SWC-115']);
    const low = driver.rules!.find((r) => r.id === 'CLI-LOW-1')!;
    assert.equal(low.defaultConfiguration?.level, 'note');
    assert.equal(low.properties?.['security-severity'], '3.0');
    // The OWASP category: a tag GitHub filters by, and a property; the references say which audit finding.
    assert.deepEqual(low.properties?.tags, ['security', 'solidity', 'time', 'owasp-sc03', 'SWC-116']);
    assert.equal(low.properties?.owasp, 'SC03');
    assert.equal(low.properties?.['owasp.name'], 'Logic Errors');
    assert.match(low.help?.markdown ?? '', /^OWASP Smart Contract Top 10: SC03 Logic Errors$/m);
    assert.match(low.help?.markdown ?? '', /\(https:\/\/example\.com\/audits\/fixture#7\) \(audit, #7\)$/m);
    assert.equal(rule.properties?.owasp, undefined);
    const result = log.runs[0].results!.find((r) => r.ruleId === 'CLI-LOW-1')!;
    assert.equal(result.properties?.owasp, 'SC03');
  });

  test('results: rule, level, message, relative location, fingerprint, fix', () => {
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds?.['%SRCROOT%']?.uri?.endsWith('/'), true);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const results = run.results!;
    assert.equal(results.length, 3);
    const r = results.find((x) => x.ruleId === 'CLI-HIGH-1' && x.locations![0].physicalLocation!.artifactLocation!.uri === 'contracts/A.sol')!;
    assert.ok(r);
    assert.equal(run.tool.driver.rules![r.ruleIndex!].id, 'CLI-HIGH-1');
    assert.equal(r.level, 'error');
    assert.match(r.message.text ?? '', /^Authorisation through tx\.origin \(in A\.a\)\. Compare msg\.sender instead\.$/);
    const loc = r.locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
    assert.deepEqual(loc.region, { startLine: 5, startColumn: 16, endLine: 5, endColumn: 34 });
    assert.match(r.partialFingerprints?.['hindsight/v2'] ?? '', /^[0-9a-f]{24}$/);
    const fix = r.fixes![0];
    assert.match(fix.description?.text ?? '', /Compare msg\.sender/);
    const rep = fix.artifactChanges[0].replacements[0];
    assert.deepEqual(rep.deletedRegion, { startLine: 5, startColumn: 16, endLine: 5, endColumn: 34 });
    assert.equal(rep.insertedContent?.text, 'msg.sender == owner');
  });

  test('paths are URI-encoded relative references', () => {
    const uris = log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri);
    assert.ok(uris.includes('contracts/With%20Space.sol'), JSON.stringify(uris));
  });

  test('syntax errors become tool execution notifications, not results', () => {
    const inv = log.runs[0].invocations![0];
    assert.equal(inv.executionSuccessful, true);
    const n = inv.toolExecutionNotifications!;
    assert.equal(n.length >= 1, true);
    assert.equal(n[0].level, 'warning');
    assert.match(n[0].message.text ?? '', /^Syntax error: /);
    assert.equal(n[0].locations![0].physicalLocation!.artifactLocation!.uri, 'contracts/Broken.sol');
  });

  test('the built-in pack on the demo workspace also validates', async () => {
    const r = await runCli(['scan', '--format', 'sarif', 'server/demo']);
    assert.equal(r.code, 1, r.stderr);
    const demo = JSON.parse(r.stdout) as Sarif.Log;
    assertValid(demo);
    assert.ok(demo.runs[0].results!.length >= 9);
    const ids = new Set(demo.runs[0].tool.driver.rules!.map((x) => x.id));
    assert.equal(ids.size, demo.runs[0].tool.driver.rules!.length, 'rule ids are unique');
    for (const res of demo.runs[0].results!) assert.equal(demo.runs[0].tool.driver.rules![res.ruleIndex!].id, res.ruleId);
  });

  test('an empty scan is valid SARIF with no results', async () => {
    const dir = makeTree({ 'C.sol': sol.clean });
    try {
      const r = await runCli(['scan', '--no-builtin', '--pack', CLI_PACK, '--format', 'sarif', '.'], { cwd: dir });
      assert.equal(r.code, 0);
      const empty = JSON.parse(r.stdout) as Sarif.Log;
      assertValid(empty);
      assert.deepEqual(empty.runs[0].results, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
