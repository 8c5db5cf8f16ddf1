// URL packs against a real HTTPS server on 127.0.0.1 with a certificate made for this run. The certificate is
// passed to the downloader as its CA; TLS verification is never turned off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { resolvePackSources } from '../../server/src/packs/sources';
import { fetchUrlPack } from '../../server/src/packs/url-packs';
import { packYaml, tempDir, write } from './team-helpers';

const PACK = packYaml('remote', '1.4.0', ['REM-001', 'REM-002']);
const HASH = createHash('sha256').update(PACK).digest('hex');
const WRONG = createHash('sha256').update('something else').digest('hex');

let certs: { key: string; cert: string } | undefined;
let server: https.Server | undefined;
let base = '';
const requests: string[] = [];

function makeCert(): { key: string; cert: string } | undefined {
  const dir = tempDir('hindsight-cert-');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  }
}

before(async () => {
  certs = makeCert();
  if (!certs) return;
  server = https.createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    requests.push(req.url ?? '');
    switch (req.url) {
      case '/pack.yaml':
        res.writeHead(200, { 'content-type': 'application/yaml' });
        return res.end(PACK);
      case '/moved':
        res.writeHead(302, { location: '/pack.yaml' });
        return res.end();
      case '/to-http':
        res.writeHead(302, { location: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/pack.yaml` });
        return res.end();
      case '/big':
        res.writeHead(200);
        return res.end('x'.repeat(64 * 1024));
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server?.closeAllConnections();
  server?.close();
});

function skipWithoutOpenssl(t: { skip: (m: string) => void }): boolean {
  if (!certs) t.skip('openssl is not available to make a test certificate');
  return !certs;
}

function workspaceWithUrl(url: string, sha256: string): string {
  const ws = tempDir('hindsight-ws-');
  write(path.join(ws, '.hindsight', 'config.yaml'), `# shared packs\nsources:\n  - url: ${url}\n    sha256: ${sha256}\n`);
  return ws;
}

test('a URL pinned by the right sha256 is downloaded once, cached under its hash, then used offline', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  const ws = workspaceWithUrl(`${base}/pack.yaml`, HASH);
  const before = requests.length;
  const r1 = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, cacheDir, ca: certs!.cert });
  assert.deepEqual(r1.problems, []);
  assert.deepEqual(
    r1.packs.map((p) => [p.info.name, p.info.version, p.findings.length]),
    [['remote', '1.4.0', 2]],
  );
  assert.deepEqual(
    r1.sources.map((s) => [s.kind, s.location, s.status, s.fetch]),
    [['url', `${base}/pack.yaml`, 'loaded', 'downloaded']],
  );
  assert.equal(r1.sources[0].file, path.join(cacheDir, HASH, 'pack.yaml'));
  assert.equal(fs.readFileSync(path.join(cacheDir, HASH, 'pack.yaml'), 'utf8'), PACK);
  assert.equal(requests.length - before, 1);

  // Offline: no CA, network off — the verified cache is enough.
  const r2 = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, cacheDir, allowNetwork: false });
  assert.deepEqual(
    r2.sources.map((s) => [s.status, s.fetch]),
    [['loaded', 'cached']],
  );
  assert.equal(r2.packs[0].info.name, 'remote');
  assert.equal(requests.length - before, 1, 'the second resolve made no request');
});

test('a wrong sha256 is refused: nothing cached, nothing loaded, the error points at the config entry', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  const ws = workspaceWithUrl(`${base}/pack.yaml`, WRONG);
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, cacheDir, ca: certs!.cert });
  assert.deepEqual(r.packs, []);
  assert.equal(r.sources[0].status, 'error');
  assert.equal(r.problems.length, 1);
  const p = r.problems[0];
  assert.equal(p.file, path.join(ws, '.hindsight', 'config.yaml'));
  assert.equal(p.range.start.line, 2);
  assert.equal(p.severity, 'error');
  assert.ok(p.message.includes(`its sha256 is ${HASH}, the configuration pins ${WRONG}`), p.message);
  assert.deepEqual(fs.readdirSync(cacheDir), []);
});

test('an untrusted workspace never fetches, but may use what is already verified in the cache', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  const ws = workspaceWithUrl(`${base}/pack.yaml`, HASH);
  const before = requests.length;
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: false, includeBuiltin: false, cacheDir, ca: certs!.cert });
  assert.equal(requests.length, before, 'no request was made');
  assert.deepEqual(r.packs, []);
  assert.equal(r.sources[0].status, 'not-fetched');
  assert.equal(r.problems[0].severity, 'warning');
  assert.match(r.problems[0].message, /not trusted/);

  await fetchUrlPack({ url: `${base}/pack.yaml`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert });
  const again = await resolvePackSources({ workspaceFolder: ws, trusted: false, includeBuiltin: false, cacheDir });
  assert.deepEqual(
    again.sources.map((s) => [s.status, s.fetch]),
    [['loaded', 'cached']],
  );
});

test('network off: not fetched, reported as a warning', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const before = requests.length;
  const r = await fetchUrlPack({ url: `${base}/pack.yaml`, sha256: HASH, cacheDir: tempDir(), trusted: true, allowNetwork: false, ca: certs!.cert });
  assert.equal(r.status, 'not-fetched');
  assert.match(r.error!, /network access is off/);
  assert.equal(requests.length, before);
});

test('a tampered cache entry is not used: it is fetched and verified again', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  write(path.join(cacheDir, HASH, 'pack.yaml'), PACK.replace('REM-002', 'EVIL-001'));
  const r = await fetchUrlPack({ url: `${base}/pack.yaml`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert });
  assert.equal(r.status, 'downloaded');
  assert.equal(fs.readFileSync(r.file!, 'utf8'), PACK);
});

test('only https: http URLs and redirects to http are refused; https redirects are followed', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  const http = await fetchUrlPack({ url: base.replace('https:', 'http:') + '/pack.yaml', sha256: HASH, cacheDir, trusted: true });
  assert.equal(http.status, 'error');
  assert.match(http.error!, /Only https:\/\/ URLs are allowed/);

  const down = await fetchUrlPack({ url: `${base}/to-http`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert });
  assert.equal(down.status, 'error');
  assert.match(down.error!, /redirected to http:/);

  const moved = await fetchUrlPack({ url: `${base}/moved`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert });
  assert.equal(moved.status, 'downloaded');
});

test('TLS is verified: without the test CA the download fails', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const r = await fetchUrlPack({ url: `${base}/pack.yaml`, sha256: HASH, cacheDir: tempDir(), trusted: true });
  assert.equal(r.status, 'error');
  assert.match(r.error!, /certificate/i);
});

test('size limit, HTTP errors and bad pins are clear errors', async (t) => {
  if (skipWithoutOpenssl(t)) return;
  const cacheDir = tempDir('hindsight-cache-');
  const big = await fetchUrlPack({ url: `${base}/big`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert, maxBytes: 1024 });
  assert.match(big.error!, /limit/);
  const missing = await fetchUrlPack({ url: `${base}/missing`, sha256: HASH, cacheDir, trusted: true, ca: certs!.cert });
  assert.match(missing.error!, /HTTP 404/);
  const badPin = await fetchUrlPack({ url: `${base}/pack.yaml`, sha256: 'abc', cacheDir, trusted: true });
  assert.match(badPin.error!, /64 hex digits/);
});
