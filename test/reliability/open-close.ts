// Soak of documents opened, edited and closed: OpenZeppelin files, each opened, answered, edited once, answered and
// closed, round after round in one server session. The server writes heap snapshots (after a full collection) after
// a few rounds, halfway and at the end: what a closed document leaves behind grows with the rounds; caches that fill
// once and code V8 compiles late do not.
// Usage: node --import tsx test/reliability/open-close.ts [rounds=14] [files=60]
import { readFileSync } from 'node:fs';
import { TestClient, range, workspace } from '../lsp/client';
import { packageDir, solidityFiles } from '../precision/libraries';
import { ServerHeaps } from './heap-snapshot';

const ROUNDS = Number(process.argv[2] ?? 14);
const FILES = Number(process.argv[3] ?? 60);
const OZ = packageDir('@openzeppelin/contracts');

async function main(): Promise<void> {
  const files = solidityFiles(OZ, []).slice(0, FILES);
  const ws = workspace({});
  const heaps = new ServerHeaps();
  const client = await TestClient.start({ folders: [ws.root] });
  // Stays open, so the snapshot has a document to ask about.
  const probe = ws.uri('Probe.sol');
  client.open(probe, 'pragma solidity ^0.8.0;\ncontract Probe {}\n');
  await client.diagnosticsOf(probe);
  const at = new Set([2, Math.round(ROUNDS / 2) + 1, ROUNDS]);
  const started = Date.now();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const file of files) {
      const uri = ws.uri(`open/${file.slice(OZ.length + 1)}`);
      client.open(uri, readFileSync(file, 'utf8'));
      await client.findings(uri);
      client.edit(uri, { range: range(0, 0, 0, 0), newText: '// edited\n' });
      await client.findings(uri);
      client.close(uri);
    }
    if (at.has(round)) await heaps.take(client, `round ${round}`, probe);
  }
  console.log(`${ROUNDS} rounds of ${files.length} files opened, edited and closed in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(heaps.report(8));
  await client.stop();
  ws.dispose();
  heaps.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
