// Soak: one server session, many incremental edits (typing then deleting a line inside a function of a large
// OpenZeppelin file), sampling the server's resident memory every 500 edits. Prints a table and a JSON line.
// With --heap, the server writes a heap snapshot (after a full collection) at about a quarter, half and all of the
// edits, and the script prints what the live heap gained between them, by constructor: growth that survives a full
// collection is retention, growth that does not is V8 deferring its collections.
// Usage: node test/reliability/soak.mjs [edits=10000] [--heap]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClient, range, workspace } from '../lsp/client';
import { ServerHeaps } from './heap-snapshot';

const args = process.argv.slice(2);
const HEAP = args.includes('--heap');
const EDITS = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const FILE = join(__dirname, '../../node_modules/@openzeppelin/contracts/governance/Governor.sol');

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function main(): Promise<void> {
  const text = readFileSync(FILE, 'utf8');
  const ws = workspace({});
  const heaps = HEAP ? new ServerHeaps() : undefined;
  const client = await TestClient.start({ folders: [ws.root] });
  const snapshot = async (edits: number) => heaps?.take(client, `${edits} edits`, uri);
  const pid = client.pid;
  const uri = ws.uri('Governor.sol');
  client.open(uri, text);
  await client.diagnosticsOf(uri);
  // Type inside the body of the first function that has one: a statement, a character at a time, then delete it.
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => /function .*\{\s*$/.test(l) && i > 100) + 1;
  const typed = 'uint256 soakValue = msg.value + block.number; // typing';
  // Snapshots where the statement has been typed and deleted a whole number of times, so the text is the file's
  // own: at about a quarter, half and all of the edits.
  const cycle = 2 * typed.length;
  const heapAt = new Set([EDITS / 4, EDITS / 2, EDITS].map((n) => Math.max(cycle, Math.floor(n / cycle) * cycle)));
  const samples: Array<{ edits: number; rssMb: number }> = [{ edits: 0, rssMb: rssKb(pid) / 1024 }];
  let col = 0;
  let answered = 0;
  const started = Date.now();
  for (let i = 1; i <= EDITS; i++) {
    if (col < typed.length && Math.floor((i - 1) / typed.length) % 2 === 0) {
      client.edit(uri, { range: range(line, col, line, col), newText: typed[col] });
      col++;
    } else {
      client.edit(uri, { range: range(line, col - 1, line, col), newText: '' });
      col--;
    }
    if (i % 10 === 0) {
      // A request after every burst: the server must answer on the latest text, not fall behind.
      const f = await client.findings(uri);
      if (Array.isArray(f.syntaxErrors)) answered++;
    }
    if (heapAt.has(i)) await snapshot(i);
    if (i % 500 === 0) {
      samples.push({ edits: i, rssMb: rssKb(pid) / 1024 });
      process.stdout.write(`${String(i).padStart(6)} edits  RSS ${samples[samples.length - 1].rssMb.toFixed(1)} MB\n`);
    }
  }
  if (!heapAt.has(EDITS)) await snapshot(EDITS);
  // Still answering after the run.
  const final = await client.findings(uri);
  const alive = final !== undefined && Array.isArray(final.syntaxErrors);
  await client.stop();
  ws.dispose();
  const rss = samples.map((s) => s.rssMb);
  // Least-squares slope over the second half, after caches have warmed up.
  const tail = samples.slice(Math.floor(samples.length / 2));
  const mx = tail.reduce((a, s) => a + s.edits, 0) / tail.length;
  const my = tail.reduce((a, s) => a + s.rssMb, 0) / tail.length;
  const slope = tail.reduce((a, s) => a + (s.edits - mx) * (s.rssMb - my), 0) / (tail.reduce((a, s) => a + (s.edits - mx) ** 2, 0) || 1);
  const summary = {
    edits: EDITS,
    answeredBursts: answered,
    alive,
    startMb: +rss[0].toFixed(1),
    peakMb: +Math.max(...rss).toFixed(1),
    endMb: +rss[rss.length - 1].toFixed(1),
    slopeMbPer1000EditsSecondHalf: +(slope * 1000).toFixed(2),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(summary));
  if (heaps) console.log(`\n${heaps.report()}`);
  heaps?.dispose();
  if (!alive || answered !== Math.floor(EDITS / 10)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
