// Parsing on worker threads gives the same results as parsing here, in the order asked, and never loses a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';
import { parseSource } from '../../server/src/engine/parse';
import { parseFilesInWorkers, type ParsedFile } from '../../server/src/engine/parse-workers';

const OZ = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));

test('two workers parse real files, a broken one and a missing one exactly like parseSource', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-workers-'));
  const broken = join(dir, 'Broken.sol');
  writeFileSync(broken, 'contract A {\r\n  function f() public { uint x = ; }\r\n  function g() public {}\r\n}\r\n');
  const paths = [
    ...fg.sync('token/ERC20/**/*.sol', { cwd: OZ, absolute: true }).sort().slice(0, 10),
    broken,
    join(dir, 'Missing.sol'),
  ];
  const seen: ParsedFile[] = [];
  const results = await parseFilesInWorkers(paths, { workers: 2, onFile: (f) => seen.push(f) });
  assert.deepStrictEqual(results.map((r) => r.path), paths);
  assert.equal(seen.length, paths.length);
  for (const r of results.slice(0, -1)) {
    const here = parseSource(readFileSync(r.path, 'utf8'));
    assert.ok(r.parsed, r.path);
    assert.deepStrictEqual(r.parsed.ast, here.ast, r.path);
    assert.deepStrictEqual(r.parsed.syntaxErrors, here.syntaxErrors, r.path);
    assert.equal(r.parsed.recovered, here.recovered);
    assert.deepStrictEqual(r.parsed.lines.position(r.parsed.text.length), here.lines.position(here.text.length));
  }
  assert.equal(results[paths.length - 2].parsed!.syntaxErrors.length, 1);
  const missing = results[paths.length - 1];
  assert.equal(missing.parsed, undefined);
  assert.match(missing.error!, /ENOENT/);
  // A worker result is a valid `previous` for incremental parsing.
  const prev = results[0].parsed!;
  const at = prev.text.lastIndexOf('}', prev.text.lastIndexOf('}') - 1);
  const next = prev.text.slice(0, at) + ' ' + prev.text.slice(at);
  assert.deepStrictEqual(parseSource(next, prev).ast, parseSource(next).ast);
});

test('few files are parsed on this thread', async () => {
  const file = join(OZ, 'token/ERC20/ERC20.sol');
  const [r] = await parseFilesInWorkers([file]);
  assert.deepStrictEqual(r.parsed!.ast, parseSource(readFileSync(file, 'utf8')).ast);
});
