// The language server's cold workspace scan of OpenZeppelin alone, for several builds in interleaved rounds: the
// bench's server row runs each build once, in a fixed order, which on this 2-core machine is not enough to tell a
// 10% change. CPU is the server process's (all its threads, /proc/<pid>/stat) from start to the end of the scan.
// Run: node test/bench/server-cold.mjs [--rounds N] <checkout with dist/server/server.js> ...   (nothing is asserted)
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const EXEC_ARGV = JSON.parse(readFileSync(join(ROOT, 'server/src/shared/server-exec-argv.json'), 'utf8'));
const SETTINGS = { debounceMs: 0, scanWorkspaceOnStartup: true, run: 'onType' };

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args[at + 1]) : 3;
const builds = args.filter((a, i) => a !== '--rounds' && args[i - 1] !== '--rounds').map((b) => resolve(b));
if (!builds.length) throw new Error('usage: node test/bench/server-cold.mjs [--rounds N] <checkout> ...');

const work = mkdtempSync(join(tmpdir(), 'hindsight-server-cold-'));
const corpus = join(work, 'openzeppelin');
cpSync(dirname(require.resolve('@openzeppelin/contracts/package.json')), corpus, { recursive: true });

/** CPU ms of a process and its threads. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One cold scan: a fresh server with an empty cache, until its findings say the scan is over. */
function coldScan(build) {
  const cache = mkdtempSync(join(work, 'cache-'));
  const child = spawn(process.execPath, [...EXEC_ARGV, join(build, 'dist/server/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, XDG_CACHE_HOME: cache },
  });
  const reader = new rpc.StreamMessageReader(child.stdout);
  reader.partialMessageTimeout = 0;
  const conn = rpc.createProtocolConnection(reader, new rpc.StreamMessageWriter(child.stdin));
  return new Promise((done, fail) => {
    let scanning = false;
    conn.onNotification('hindsight/findingsChanged', (p) => {
      if (p.scanning) scanning = true;
      else if (scanning) {
        const ms = cpuMs(child.pid);
        conn.dispose();
        child.kill();
        rmSync(cache, { recursive: true, force: true });
        done(ms);
      }
    });
    conn.onNotification(() => {});
    conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'hindsight' ? SETTINGS : { hindsight: SETTINGS })));
    conn.onRequest(() => null);
    child.on('exit', (code) => code && fail(new Error(`${build}: the server exited with ${code}`)));
    conn.listen();
    const uri = pathToFileURL(corpus).toString();
    conn
      .sendRequest('initialize', {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'openzeppelin' }],
        initializationOptions: { settings: SETTINGS },
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      })
      .then(() => conn.sendNotification('initialized', {}), fail);
  });
}

const runs = new Map(builds.map((b) => [b, []]));
for (let r = 0; r < rounds; r++) {
  // Each round starts with the next build, so no build always runs first.
  for (let k = 0; k < builds.length; k++) {
    const build = builds[(r + k) % builds.length];
    const ms = await coldScan(build);
    runs.get(build).push(ms);
    console.log(`round ${r + 1} ${basename(build)} ${ms} ms`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [b, xs] of runs) console.log(`${b}: median ${median(xs)} ms CPU (${xs.join(', ')})`);
rmSync(work, { recursive: true, force: true });
