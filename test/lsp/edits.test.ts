import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { range, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

/** A server on a workspace with the test pack, and VAULT open as `name` with its 4 findings shown. */
async function vaultOpen(t: Parameters<typeof startIn>[0], name: string) {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: BASE_SETTINGS });
  const uri = ws.uri(name);
  client.open(uri, VAULT);
  await client.diagnosticsOf(uri, (d) => d.length === 4);
  return { ws, client, uri };
}

const summary = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

test('a syntax error in one function keeps the findings in the others, and is reported where it is', async (t) => {
  const { client, uri } = await vaultOpen(t, 'V.sol');
  // Half-typed statement inside who(): `return tx.origin;` -> `return tx.origin; uint x = ;`
  client.edit(uri, { range: range(11, 25, 11, 25), newText: ' uint x = ;' });
  const ds = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-SYNTAX'));
  const syntax = ds.filter((d) => d.code === 'HS-SYNTAX');
  assert.ok(
    syntax.every((d) => d.range.start.line === 11),
    JSON.stringify(syntax),
  );
  const codes = ds.filter((d) => d.code !== 'HS-SYNTAX').map((d) => `${d.code}@${d.range.start.line}`);
  for (const c of ['T-CALL@6', 'T-TRANSFER@7', 'T-TRANSFER@15']) assert.ok(codes.includes(c), `${c} kept: ${codes.join(', ')}`);
  const f = await client.findings(uri);
  assert.equal(f.syntaxErrors.length, 1);
  assert.equal(f.syntaxErrors[0].uri, uri);

  // Fix the typo: back to the full set, no syntax error.
  client.edit(uri, { range: range(11, 25, 11, 36), newText: '' });
  const back = await client.diagnosticsOf(uri, (d) => d.length === 4 && !d.some((x) => x.code === 'HS-SYNTAX'));
  assert.equal(client.text(uri), VAULT);
  assert.deepEqual(
    back.map((d) => d.code),
    ['T-CALL', 'T-TRANSFER', 'T-ORIGIN', 'T-TRANSFER'],
  );
});

test('while a function does not parse, its other findings stay (moved with the edits) until it parses again', async (t) => {
  const { client, uri } = await vaultOpen(t, 'Typing.sol');
  // Line 6 is `        a.call{value: 1}("");`: delete `);` so pay() no longer parses, then add a line above it.
  client.edit(uri, { range: range(6, 27, 6, 29), newText: '' });
  client.edit(uri, { range: range(5, 48, 5, 48), newText: '\n        uint256 x = 1;' });
  const broken = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-SYNTAX'));
  assert.deepEqual(
    broken.filter((d) => d.code !== 'HS-SYNTAX').map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
    // T-CALL's matched code is what is being edited: it goes until the call parses again.
    ['T-TRANSFER@8:8', 'T-ORIGIN@12:15', 'T-TRANSFER@16:8'],
  );
  // Carried findings have no quick fix until the function parses again (their edits could be stale).
  const actions = await client.codeActions(uri, range(8, 10, 8, 10));
  assert.ok(!actions.some((a) => a.title.startsWith('Use safeTransfer')), actions.map((a) => a.title).join(', '));
  client.edit(uri, { range: range(7, 27, 7, 27), newText: ');' });
  const fixed = await client.diagnosticsOf(uri, (d) => !d.some((x) => x.code === 'HS-SYNTAX'));
  assert.deepEqual(
    fixed.map((d) => `${d.code}@${d.range.start.line}`),
    ['T-CALL@7', 'T-TRANSFER@8', 'T-ORIGIN@12', 'T-TRANSFER@16'],
  );
  const again = await client.codeActions(uri, range(8, 10, 8, 10));
  assert.equal(again[0].title, 'Use safeTransfer (T-TRANSFER)');
});

test('while a name that nothing declares is typed, the last check stays, but for the findings about the word', async (t) => {
  const { ws, client, uri } = await vaultOpen(t, 'Word.sol');
  // In more(): `t.transfer(b, 7);` becomes `t.transfer(zb, 7);`, then `t.transfer(zzb, 7);`: a name declared
  // nowhere. A fresh check reports T-TRANSFER there; the document keeps its last check, less the finding whose `$TO`
  // was `b`, the word being typed.
  client.edit(uri, { range: range(15, 19, 15, 19), newText: 'z' });
  client.edit(uri, { range: range(15, 20, 15, 20), newText: 'z' });
  const typing = await client.diagnosticsOf(uri, (d) => d.length === 3);
  assert.deepEqual(summary(typing), ['T-CALL@6:8-6:9', 'T-ORIGIN@11:15-11:24', 'T-TRANSFER@7:8-7:25']);
  // A keystroke that is not part of the word (`zz-b`, valid code) checks the text as it is, as a fresh open does.
  client.edit(uri, { range: range(15, 21, 15, 21), newText: '-' });
  const done = await client.diagnosticsOf(uri, (d) => d.length === 4);
  assert.ok(summary(done).includes('T-TRANSFER@15:8-15:28'), JSON.stringify(summary(done)));
  const fresh = ws.uri('Fresh.sol');
  client.open(fresh, client.text(uri));
  assert.deepEqual(summary(done), summary(await client.diagnosticsOf(fresh, (d) => d.length === 4)));
});

test('incremental edits (several didChange with ranges) end with the same diagnostics as a fresh open', async (t) => {
  const { ws, client, uri } = await vaultOpen(t, 'Typed.sol');

  // Type a new function character by character at the end of the contract, with a multi-change event and
  // a deletion in another function along the way.
  const addition = '\n    function drain(IERC20 t, address c) external {\n        t.transfer(c, 1);\n        c.call{value: 2}("");\n    }\n';
  const insertLine = 17; // the line of the contract's closing brace
  let line = insertLine;
  let character = 0;
  for (const ch of addition) {
    client.edit(uri, { range: range(line, character, line, character), newText: ch });
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  client.edit(
    uri,
    { range: range(11, 15, 11, 24), newText: 'msg.sender' }, // who(): no more tx.origin
    { range: range(0, 0, 0, 0), newText: '// SPDX-License-Identifier: MIT\n' }, // everything moves down a line
  );
  const final = client.text(uri);
  const incremental = await client.diagnosticsOf(uri, (d) => d.length === 5 && d.every((x) => x.code !== 'T-ORIGIN'));

  const fresh = ws.uri('Fresh.sol');
  client.open(fresh, final);
  const freshDs = await client.diagnosticsOf(fresh, (d) => d.length === 5);
  assert.deepEqual(summary(incremental), summary(freshDs));
  assert.deepEqual(summary(incremental), ['T-CALL@21:8-21:9', 'T-CALL@7:8-7:9', 'T-TRANSFER@16:8-16:25', 'T-TRANSFER@20:8-20:25', 'T-TRANSFER@8:8-8:25']);
  // Hover and code actions right after an edit see the new text, not a stale analysis.
  client.edit(uri, { range: range(20, 8, 20, 8), newText: '    ' });
  const h = await client.hover(uri, 20, 14);
  assert.ok(h && JSON.stringify(h.range) === JSON.stringify(range(20, 12, 20, 29)), JSON.stringify(h?.range));
});

test('a file that does not parse at all keeps its last findings, moved along with the edits', async (t) => {
  const { client, uri } = await vaultOpen(t, 'Broken.sol');
  // Garbage before everything; whatever the parser makes of it, the findings below must survive.
  client.edit(uri, { range: range(0, 0, 0, 0), newText: '}}}{{{ )))\n' });
  const ds = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-SYNTAX'));
  const lines = ds.filter((d) => d.code !== 'HS-SYNTAX').map((d) => `${d.code}@${d.range.start.line}`);
  assert.deepEqual(lines, ['T-CALL@7', 'T-TRANSFER@8', 'T-ORIGIN@12', 'T-TRANSFER@16']);
});

test('never crashes: random edits and odd requests keep the server answering', async (t) => {
  const { ws, client, uri } = await vaultOpen(t, 'Fuzz.sol');
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = ['{', '}', '(', ')', ';', ' ', '\n', 'a', '.call{value: 1}("")', 'tx.origin', '"', '/*', '//', '$', 'unchecked {', '\u00e9', '\ud83d\ude00'];
  for (let i = 0; i < 150; i++) {
    const text = client.text(uri);
    const lines = text.split('\n');
    const l = rnd(lines.length);
    const c = rnd(lines[l].length + 1);
    if (rnd(3) === 0 && lines[l].length > c) client.edit(uri, { range: range(l, c, l, Math.min(lines[l].length, c + 1 + rnd(5))), newText: '' });
    else client.edit(uri, { range: range(l, c, l, c), newText: alphabet[rnd(alphabet.length)] });
    if (i % 25 === 0) {
      await client.hover(uri, l, c);
      await client.codeActions(uri, range(l, 0, l, c));
    }
  }
  await client.codeActions(uri, range(0, 0, 1000, 0), ['source.fixAll.hindsight']);
  await client.hover(uri, 99999, 99999);
  await client.findings();
  // Still alive and consistent with a fresh open of the same text.
  const final = client.text(uri);
  const fresh = ws.uri('Fresh.sol');
  client.open(fresh, final);
  const freshDs = await client.diagnosticsOf(fresh);
  // Findings must agree with a fresh open. (Syntax errors are compared in the todo test below.) While the text
  // has a syntax error, the edited document may also keep findings of its last good check in the parts that do
  // not parse (syntax errors while typing do not wipe findings); a fresh open has no such history.
  const findingsOnly = (ds: Diagnostic[]) => summary(ds.filter((d) => d.code !== 'HS-SYNTAX'));
  const broken = freshDs.some((d) => d.code === 'HS-SYNTAX');
  const agrees = (d: Diagnostic[]) => {
    const mineNow = findingsOnly(d);
    const expected = findingsOnly(freshDs);
    return broken ? expected.every((x) => mineNow.includes(x)) : JSON.stringify(mineNow) === JSON.stringify(expected);
  };
  const mine = await client.diagnosticsOf(uri, agrees, 60_000).catch(() => null);
  assert.ok(mine, `incremental ${JSON.stringify(summary(client.diagnostics.get(uri) ?? []))} vs fresh ${JSON.stringify(summary(freshDs))}`);
  assert.ok(!client.logs.some((l) => /failed:/.test(l)), client.logs.filter((l) => /failed:/.test(l)).join('\n'));
});

test('an unterminated block comment typed at the top is a syntax error after an incremental parse too', {
  todo: "parse.ts: the incremental (segmented) path skips fullParse's whole-file check and reports no error",
}, async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: BASE_SETTINGS });
  const uri = ws.uri('Comment.sol');
  client.open(uri, ';(;txgin\ngma sity ^0.8.0;\ncontract V {\n function f() external {\n a();\n }\n}\n');
  await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-SYNTAX'));
  client.edit(uri, { range: range(0, 0, 0, 0), newText: '/*' });
  const fresh = ws.uri('Fresh.sol');
  client.open(fresh, client.text(uri));
  const fd = await client.diagnosticsOf(fresh);
  assert.ok(fd.some((x) => x.code === 'HS-SYNTAX'));
  // A hover makes the server analyse the latest version first; its diagnostics arrive before the answer.
  await client.hover(uri, 0, 0);
  assert.ok(client.diagnostics.get(uri)!.some((x) => x.code === 'HS-SYNTAX'));
});
