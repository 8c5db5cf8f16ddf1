// Reports over the protocol: hindsight/exportReport renders the server's findings (with the client's triage and
// imported results) as Markdown or SARIF, hindsight/importSarif reads another tool's SARIF as findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { ExportReportRequest, ImportSarifRequest, type ImportedFinding } from '../../server/src/shared/protocol';
import { occurrenceHash } from '../../server/src/shared/finding-identity';
import { startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

const SLITHER = JSON.stringify({
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'Slither',
          rules: [{ id: 'tx-origin', shortDescription: { text: 'Dangerous usage of tx.origin' }, properties: { 'security-severity': '4.0' } }],
        },
      },
      results: [
        {
          ruleId: 'tx-origin',
          message: { text: 'Vault.who() uses tx.origin' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'contracts/Vault.sol' }, region: { startLine: 12, startColumn: 16, endColumn: 25 } } }],
          partialFingerprints: { id: 'abc' },
        },
        { ruleId: 'tx-origin', message: { text: 'nowhere' } },
      ],
    },
  ],
});

test('exportReport and importSarif: Markdown and SARIF of the server findings, triage and imported results', async (t) => {
  const { ws, client } = await startIn(
    t,
    {
      [PACK_PATH]: PACK_YAML,
      'contracts/Vault.sol': VAULT,
      'contracts/Other.sol': VAULT.replace('contract Vault', 'contract Other'),
      'reports/slither.sarif': SLITHER,
    },
    { settings: BASE_SETTINGS },
  );
  await client.until('the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 8));
  const { findings } = await client.findings();
  const vault = ws.uri('contracts/Vault.sol');
  const call = findings.find((f) => f.uri === vault && f.findingId === 'T-CALL')!;
  const transfers = findings.filter((f) => f.uri === vault && f.findingId === 'T-TRANSFER');
  assert.equal(transfers.length, 2);

  // Import: by uri (the server reads the file), relative paths resolved in the workspace folder.
  const imported = await client.conn.sendRequest(ImportSarifRequest, { uri: ws.uri('reports/slither.sarif') });
  assert.equal(imported.skipped, 1);
  assert.deepEqual(
    imported.findings.map((f) => [f.source, f.tool, f.findingId, f.severity, f.uri, f.range.start.line, f.range.start.character, f.title]),
    [['imported', 'Slither', 'tx-origin', 'medium', vault, 11, 15, 'Dangerous usage of tx.origin']],
  );
  // By text: the same findings, the same identity.
  const again = await client.conn.sendRequest(ImportSarifRequest, { text: SLITHER });
  assert.deepEqual(again.findings, imported.findings);
  await assert.rejects(
    client.conn.sendRequest(ImportSarifRequest, { text: '{"version":"1.0.0","runs":[]}', uri: ws.uri('x.sarif') }),
    /x\.sarif: SARIF version 1\.0\.0 is not supported/,
  );
  await assert.rejects(client.conn.sendRequest(ImportSarifRequest, { text: '{ "runs" [] }' }), /not valid JSON/);
  await assert.rejects(client.conn.sendRequest(ImportSarifRequest, { uri: ws.uri('missing.sarif') }), /missing\.sarif: cannot read it \(ENOENT\)/);
  await assert.rejects(client.conn.sendRequest(ImportSarifRequest, {}), /needs "text" \(a SARIF log\) or "uri"/);

  const triage = [
    {
      uri: vault,
      fingerprint: transfers[0].fingerprint,
      status: 'false-positive' as const,
      comment: 'the token reverts',
      author: 'Ada',
      date: '2026-01-02T03:04:05Z',
    },
    { uri: vault, fingerprint: call.fingerprint, status: 'wont-fix' as const, comment: 'by design', author: 'Bob', date: '2026-01-03T00:00:00Z' },
  ];

  // Markdown: the pack's text, the code, the triage, the imported result, false positives apart.
  const md = await client.conn.sendRequest(ExportReportRequest, { format: 'markdown', triage, imported: imported.findings });
  assert.equal(md.findings, 9);
  const text = md.text;
  assert.match(text, new RegExp(`^# Hindsight findings: ${basename(ws.root)}\n`));
  assert.match(text, /8 occurrences reported, 1 triaged as false positive\./);
  assert.match(text, /\| High \| 1 \| 2 \|\n\| Medium \| 2 \| 4 \|\n\| Low \| 1 \| 2 \|/);
  assert.match(
    text,
    /## H-01: Low-level call with value\n\n\*\*Severity:\*\* High · \*\*Confidence:\*\* high · \*\*Category:\*\* calls · \*\*Rule:\*\* `T-CALL` \(lsp-test 1\.0\.0\)/,
  );
  assert.match(text, /### Description\n\nA call with value hands control to the receiver\.\n\n### Recommendation\n\nUse a pull pattern\./);
  assert.match(text, /- \[Example reference\]\(https:\/\/example\.com\/t-call\)/);
  assert.match(
    text,
    /- `contracts\/Vault\.sol:7` in `Vault\.pay` — Acknowledged \(won't fix\)\n {2}> by design \(Bob, 2026-01-03\)\n\n {2}```solidity\n {2}a\.call\{value: 1\}\(""\);\n {2}```/,
  );
  assert.match(text, /`tx-origin` \(imported from Slither\)/);
  assert.match(text, /> Vault\.who\(\) uses tx\.origin/);
  assert.match(
    text,
    /## Appendix: triaged as false positive\n\n- `T-TRANSFER` Unchecked ERC20 transfer at `contracts\/Vault\.sol:8` — the token reverts \(Ada\)\n/,
  );

  // SARIF: relative to the folder, triage as suppressions, the imported result beside the server's own.
  const sarif = await client.conn.sendRequest(ExportReportRequest, { format: 'sarif', triage, imported: imported.findings });
  assert.equal(sarif.findings, 9);
  const log = JSON.parse(sarif.text) as Sarif.Log;
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'hindsight');
  assert.equal(run.results?.length, 9);
  assert.deepEqual(run.tool.driver.rules?.map((r) => r.id).sort(), ['T-CALL', 'T-ORIGIN', 'T-TRANSFER', 'tx-origin']);
  // partialFingerprints hold the occurrence identity (rule, file, fingerprint), as baselines and triage do.
  const byId = new Map(run.results!.map((r) => [r.partialFingerprints?.['hindsight/v2'], r]));
  const idOf = (f: { uri: string; findingId: string; fingerprint: string }) =>
    occurrenceHash({ findingId: f.findingId, file: relative(ws.root, fileURLToPath(f.uri)).split(sep).join('/'), fingerprint: f.fingerprint });
  const byFingerprint = { get: (f: { uri: string; findingId: string; fingerprint: string }) => byId.get(idOf(f)) };
  const fp = byFingerprint.get(transfers[0])!;
  assert.deepEqual(fp.locations?.[0].physicalLocation?.artifactLocation, { uri: 'contracts/Vault.sol', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(fp.locations?.[0].physicalLocation?.region, { startLine: 8, startColumn: 9, endLine: 8, endColumn: 26 });
  assert.deepEqual(fp.suppressions, [{ kind: 'external', status: 'accepted', justification: 'false-positive: the token reverts' }]);
  assert.deepEqual(byFingerprint.get(call)!.suppressions, [{ kind: 'external', status: 'accepted', justification: 'wont-fix: by design' }]);
  assert.equal(byFingerprint.get(transfers[1])!.suppressions, undefined);
  assert.equal(byFingerprint.get(imported.findings[0])!.message.text, 'Vault.who() uses tx.origin');
  assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, `${ws.uri('')}/`);

  // Round trip: the exported SARIF imported again is the same occurrences.
  const back = await client.conn.sendRequest(ImportSarifRequest, { text: sarif.text });
  const place = (f: { uri: string; findingId: string; range: unknown; severity: string }) => JSON.stringify([f.uri, f.findingId, f.range, f.severity]);
  assert.deepEqual(back.findings.map(place).sort(), [...findings, ...imported.findings].map(place).sort());

  // Scope: one document; without triage everything is open and nothing is suppressed.
  const one = JSON.parse(
    (await client.conn.sendRequest(ExportReportRequest, { format: 'sarif', scope: { uri: ws.uri('contracts/Other.sol') } })).text,
  ) as Sarif.Log;
  assert.equal(one.runs[0].results?.length, 4);
  assert.ok(one.runs[0].results!.every((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri === 'contracts/Other.sol' && !r.suppressions));
  const titled = await client.conn.sendRequest(ExportReportRequest, { format: 'markdown', title: 'Vault audit', scope: { folder: ws.uri('') } });
  assert.match(titled.text, /^# Vault audit\n/);
  assert.equal(titled.findings, 8);

  await assert.rejects(client.conn.sendRequest(ExportReportRequest, { format: 'pdf' } as never), /needs "format": "sarif" or "markdown"/);
  await assert.rejects(
    client.conn.sendRequest(ExportReportRequest, { format: 'sarif', triage: [{ uri: vault, fingerprint: 'x', status: 'maybe' }] } as never),
    /triage\[0\] has unknown status "maybe"/,
  );
  await assert.rejects(
    client.conn.sendRequest(ExportReportRequest, { format: 'sarif', imported: [{ uri: vault } as ImportedFinding] }),
    /imported\[0\] is not a finding/,
  );
  await assert.rejects(client.conn.sendRequest(ExportReportRequest, { format: 'sarif', scope: { folder: 'file:///nowhere' } }), /is not a workspace folder/);
});
