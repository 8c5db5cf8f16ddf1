// Packs shared by URL: a single pack.yaml / pack.json, pinned by its SHA-256. It is downloaded once over HTTPS
// (plain http is refused, redirects too unless they stay on https), verified before anything reads it, and
// cached under its hash, so every later start works offline and a changed file on the server is refused rather
// than silently picked up. Nothing is fetched for an untrusted workspace or when the caller disallows network.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';

export const URL_PACK_LIMITS = { maxBytes: 2 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 } as const;

export interface UrlPackOptions {
  url: string;
  /** Expected SHA-256 of the file, hex (any case). */
  sha256: string;
  /** Where verified downloads are kept: `<cacheDir>/<sha256>/pack.yaml|pack.json`. */
  cacheDir: string;
  /** Workspace trust: an untrusted workspace may use what is already cached, never fetch. */
  trusted: boolean;
  /** false: use the cache only (e.g. the CLI's --offline, or a user setting). Default true. */
  allowNetwork?: boolean;
  /** Extra certificate authorities to trust for this download (tests, corporate proxies). Never disables verification. */
  ca?: string | Buffer | Array<string | Buffer>;
  maxBytes?: number;
  timeoutMs?: number;
}

export type UrlPackStatus = 'cached' | 'downloaded' | 'not-fetched' | 'error';

export interface UrlPackResult {
  status: UrlPackStatus;
  /** The verified pack file in the cache, when status is cached or downloaded. */
  file?: string;
  /** Why there is no file (not-fetched, error). */
  error?: string;
}

/** Returns the cached, verified pack file for `url`, downloading it first when allowed. Never throws. */
export async function fetchUrlPack(opts: UrlPackOptions): Promise<UrlPackResult> {
  const hash = opts.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) return { status: 'error', error: `sha256 must be 64 hex digits, got "${opts.sha256}"` };
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return { status: 'error', error: `Not a valid URL: ${opts.url}` };
  }
  if (url.protocol !== 'https:') return { status: 'error', error: `Only https:// URLs are allowed for packs, not ${url.protocol}// (${opts.url})` };

  const cached = readCache(opts.cacheDir, hash);
  if (cached) return { status: 'cached', file: cached };
  if (!opts.trusted) return { status: 'not-fetched', error: `Not downloaded: the workspace is not trusted (${opts.url})` };
  if (opts.allowNetwork === false) return { status: 'not-fetched', error: `Not downloaded: network access is off and ${opts.url} is not in the cache` };

  let body: Buffer;
  try {
    body = await download(url, opts, 0);
  } catch (err) {
    return { status: 'error', error: `Download of ${opts.url} failed: ${(err as Error).message}` };
  }
  const actual = sha256(body);
  if (actual !== hash) {
    return { status: 'error', error: `Refused ${opts.url}: its sha256 is ${actual}, the configuration pins ${hash}` };
  }
  const file = path.join(opts.cacheDir, hash, looksLikeJson(body, url) ? 'pack.json' : 'pack.yaml');
  try {
    writeFileAtomic(file, body.toString('utf8'));
  } catch (err) {
    return { status: 'error', error: `Downloaded ${opts.url} but could not cache it in ${opts.cacheDir}: ${(err as Error).message}` };
  }
  return { status: 'downloaded', file };
}

/** A cached file is re-hashed on every use: a cache that was tampered with is ignored (and re-downloaded). */
function readCache(cacheDir: string, hash: string): string | undefined {
  for (const name of ['pack.yaml', 'pack.json']) {
    const file = path.join(cacheDir, hash, name);
    try {
      if (sha256(fs.readFileSync(file)) === hash) return file;
      fs.rmSync(file, { force: true });
    } catch {
      // not cached under this name
    }
  }
  return undefined;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function looksLikeJson(body: Buffer, url: URL): boolean {
  if (url.pathname.endsWith('.json')) return true;
  if (/\.ya?ml$/.test(url.pathname)) return false;
  return body.toString('utf8', 0, 64).trimStart().startsWith('{');
}

function download(url: URL, opts: UrlPackOptions, redirects: number): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? URL_PACK_LIMITS.maxBytes;
  const timeoutMs = opts.timeoutMs ?? URL_PACK_LIMITS.timeoutMs;
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      { ca: opts.ca, timeout: timeoutMs, headers: { accept: 'application/yaml, application/json, text/plain, */*', 'user-agent': 'hindsight' } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirects >= URL_PACK_LIMITS.maxRedirects) return reject(new Error(`too many redirects`));
          let next: URL;
          try {
            next = new URL(res.headers.location, url);
          } catch {
            return reject(new Error(`bad redirect location ${res.headers.location}`));
          }
          if (next.protocol !== 'https:') return reject(new Error(`redirected to ${next.protocol}// (${next.href}); only https is allowed`));
          download(next, opts, redirects + 1).then(resolve, reject);
          return;
        }
        if (status !== 200) {
          res.resume();
          return reject(new Error(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          return reject(new Error(`the file is ${declared} bytes; the limit is ${maxBytes}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new Error(`the file is larger than the limit of ${maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
