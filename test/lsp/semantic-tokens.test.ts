// Semantic tokens over stdio: what each name of a small contract is (state variable, local, parameter, constant,
// immutable, storage pointer, external and low-level calls, msg.sender, tx.origin, names from an imported base),
// after edits, while a function is half-typed, and as delta and range answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { range, startIn } from './client';

const BASE = `pragma solidity ^0.8.0;
interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
}
abstract contract Owned {
    address public owner;
}
`;

const VAULT = `pragma solidity ^0.8.0;
import "./Base.sol";

contract Vault is Owned {
    uint256 public constant FEE = 3;
    address public immutable admin;
    IERC20 token;
    struct Position { uint256 amount; }
    Position[] positions;
    mapping(address => uint256) balances;
    event Paid(address to, uint256 amount);

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    constructor(IERC20 t) {
        admin = msg.sender;
        token = t;
    }

    function pay(address to, uint256 amount) external onlyOwner {
        uint256 net = amount - FEE;
        Position storage p = positions[0];
        p.amount = net;
        balances[to] -= net;
        token.transfer(to, net);
        (bool ok, ) = to.call{value: net}("");
        require(ok && tx.origin == msg.sender);
        emit Paid(to, net);
    }
}
`;

interface Decoded {
  line: number;
  character: number;
  text: string;
  type: string;
  modifiers: string[];
}

function decode(data: number[], legend: SemanticTokensLegend, text: string): Decoded[] {
  const lines = text.split('\n');
  const out: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const modifiers = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push({ line, character, text: lines[line].slice(character, character + data[i + 2]), type: legend.tokenTypes[data[i + 3]], modifiers });
  }
  return out;
}

/** The token at the n-th occurrence (0-based) of `word` on the line holding `lineText`. */
function at(tokens: Decoded[], text: string, lineText: string, word: string, nth = 0): Decoded | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(lineText));
  assert.ok(line >= 0, `no line with ${lineText}`);
  let character = -1;
  for (let k = 0; k <= nth; k++) character = lines[line].indexOf(word, character + 1);
  return tokens.find((t) => t.line === line && t.character === character);
}

function kind(t: Decoded | undefined): string {
  return t ? [t.type, ...t.modifiers.filter((m) => m !== 'declaration')].join('.') : 'none';
}

async function start(t: { after: (fn: () => Promise<void>) => void }) {
  const { ws, client } = await startIn(
    t,
    { 'Base.sol': BASE, 'Vault.sol': VAULT },
    { settings: { scanWorkspaceOnStartup: false, packs: { disabled: ['hindsight-core'] } } },
  );
  const legend = client.initializeResult.capabilities.semanticTokensProvider?.legend;
  assert.ok(legend, 'the server announces semantic tokens');
  const uri = ws.uri('Vault.sol');
  const full = async () => {
    const r: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    return { result: r, tokens: decode(r.data, legend, client.text(uri)) };
  };
  return { ws, client, legend, uri, full };
}

test('semantic tokens tell state variables, locals, parameters, constants and external calls apart', async (t) => {
  const { client, uri, full } = await start(t);
  client.open(uri, VAULT);
  const { tokens } = await full();
  const is = (lineText: string, word: string, expected: string, nth = 0) =>
    assert.equal(kind(at(tokens, VAULT, lineText, word, nth)), expected, `${word} on "${lineText.trim()}"`);

  // Declarations.
  is('contract Vault is Owned', 'Vault', 'class');
  is('contract Vault is Owned', 'Owned', 'class.abstract');
  is('uint256 public constant FEE', 'FEE', 'property.readonly.static');
  is('address public immutable admin', 'admin', 'property.readonly');
  is('IERC20 token;', 'IERC20', 'interface');
  is('IERC20 token;', 'token', 'property');
  is('struct Position', 'Position', 'struct');
  is('struct Position', 'amount', 'property');
  is('event Paid', 'Paid', 'event');
  is('modifier onlyOwner', 'onlyOwner', 'decorator');
  is('function pay', 'pay', 'function');
  is('function pay', 'to', 'parameter');
  assert.ok(at(tokens, VAULT, 'function pay', 'pay')?.modifiers.includes('declaration'));

  // References.
  is('require(msg.sender == owner', 'owner', 'property');
  is('require(msg.sender == owner', 'sender', 'variable.readonly.defaultLibrary.sender');
  is('uint256 net = amount - FEE', 'net', 'variable');
  is('uint256 net = amount - FEE', 'amount', 'parameter');
  is('uint256 net = amount - FEE', 'FEE', 'property.readonly.static');
  is('Position storage p', 'p', 'variable.storage');
  is('p.amount = net', 'p', 'variable.storage');
  is('p.amount = net', 'amount', 'property');
  is('balances[to] -= net', 'balances', 'property');
  is('balances[to] -= net', 'to', 'parameter');
  is('token.transfer(to, net)', 'token', 'property');
  is('token.transfer(to, net)', 'transfer', 'method.external');
  is('to.call{value: net}', 'call', 'method.defaultLibrary.lowLevel');
  is('tx.origin == msg.sender', 'origin', 'variable.readonly.defaultLibrary.origin');
  is('tx.origin == msg.sender', 'sender', 'variable.readonly.defaultLibrary.sender');
  is('emit Paid(to, net)', 'Paid', 'event');
  is('contract Vault is Owned {', 'Owned', 'class.abstract');
  is('external onlyOwner', 'onlyOwner', 'decorator');
  // Keywords are the grammar's: `_`, `this`, types.
  assert.equal(at(tokens, VAULT, '        _;', '_'), undefined);
  assert.equal(at(tokens, VAULT, 'uint256 net', 'uint256'), undefined);
});

test('after an edit the tokens follow the text, and a half-typed function keeps its last tokens', async (t) => {
  const { client, uri, full, legend } = await start(t);
  client.open(uri, VAULT);
  const first = await full();
  const payLine = VAULT.split('\n').findIndex((l) => l.includes('uint256 net = amount - FEE'));

  // A new state variable above: every token below moves down a line, and the new name is a state variable.
  client.edit(uri, { range: range(6, 0, 6, 0), newText: '    uint256 fees;\n' });
  const moved = await full();
  const text1 = client.text(uri);
  assert.equal(kind(at(moved.tokens, text1, 'uint256 fees;', 'fees')), 'property');
  assert.equal(kind(at(moved.tokens, text1, 'token.transfer(to, net)', 'transfer')), 'method.external');
  assert.equal(moved.tokens.length, first.tokens.length + 1);

  // The new variable used in pay(): a reference to a state variable.
  const useLine = payLine + 1;
  client.edit(uri, { range: range(useLine, 8, useLine, 8), newText: 'fees += 1;\n        ' });
  const used = await full();
  assert.equal(kind(at(used.tokens, client.text(uri), 'fees += 1;', 'fees')), 'property');

  // Half-typed: pay() does not parse; its names keep their tokens, moved by the edit.
  client.edit(uri, { range: range(useLine, 8, useLine, 8), newText: 'if (' });
  const text2 = client.text(uri);
  const broken = await full();
  assert.equal(kind(at(broken.tokens, text2, 'token.transfer(to, net)', 'transfer')), 'method.external');
  assert.equal(kind(at(broken.tokens, text2, 'balances[to] -= net', 'balances')), 'property');
  assert.equal(kind(at(broken.tokens, text2, 'Position storage p', 'p')), 'variable.storage');
  // The rest of the file is classified from the (recovered) tree as before.
  assert.equal(kind(at(broken.tokens, text2, 'uint256 fees;', 'fees')), 'property');

  // Delta against the last result: edits, and applying them gives the full answer.
  client.edit(uri, { range: range(useLine, 8, useLine, 12), newText: '' });
  const delta: SemanticTokensDelta | SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: broken.result.resultId,
  });
  assert.ok('edits' in delta, 'a delta answer');
  const data = [...broken.result.data];
  for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
  const again = await full();
  assert.deepEqual(decode(data, legend, client.text(uri)), again.tokens);
});

test('a range request answers the tokens of those lines only', async (t) => {
  const { client, uri, legend } = await start(t);
  client.open(uri, VAULT);
  const line = VAULT.split('\n').findIndex((l) => l.includes('token.transfer(to, net)'));
  const r: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range: range(line, 0, line + 1, 0) });
  const tokens = decode(r.data, legend, VAULT);
  assert.deepEqual(
    tokens.map((x) => `${x.text}:${kind(x)}`),
    ['token:property', 'transfer:method.external', 'to:parameter', 'net:variable'],
  );
});

/** VAULT with an internal helper that pay() calls: typing into the helper breaks it, and its caller names it. */
const HELPED = VAULT.replace(
  '    function pay(',
  '    function _net(uint256 amount) internal pure returns (uint256) {\n        return amount - FEE;\n    }\n\n    function pay(',
).replace('uint256 net = amount - FEE;', 'uint256 net = _net(amount);');

test('keystrokes whose scan was kept take the last tokens moved: as classified afresh, or the last good version', async (t) => {
  const { client, ws, uri, full, legend } = await start(t);
  client.open(uri, HELPED);
  await full();
  // The same text in another document, classified afresh each time: what a comment or whitespace must give.
  const copy = ws.uri('Copy.sol');
  client.open(copy, HELPED);
  const fresh = async () => {
    client.replaceAll(copy, client.text(uri));
    const r: SemanticTokens = await client.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: copy } });
    return decode(r.data, legend, client.text(copy));
  };
  const lines = () => client.text(uri).split('\n');
  // A comment typed between two members, then spaces typed between the tokens of a statement, a character a request.
  const event = lines().findIndex((l) => l.includes('event Paid'));
  for (const [i, ch] of [...'// paid out'].entries()) {
    client.edit(uri, { range: range(event + 1, i, event + 1, i), newText: ch });
    assert.deepEqual((await full()).tokens, await fresh(), `after ${JSON.stringify(ch)}`);
  }
  const transfer = lines().findIndex((l) => l.includes('token.transfer(to, net)'));
  const comma = lines()[transfer].indexOf(',') + 1;
  for (let i = 0; i < 3; i++) {
    client.edit(uri, { range: range(transfer, comma, transfer, comma), newText: ' ' });
    assert.deepEqual((await full()).tokens, await fresh(), `after ${i + 1} spaces`);
  }
  // Typed at the start of the helper's body, which stops parsing: its names and the call in pay() keep their tokens.
  const body = lines().findIndex((l) => l.includes('return amount - FEE;'));
  const typed = 'uint256 x';
  for (const [i, ch] of [...typed].entries()) {
    client.edit(uri, { range: range(body, 8 + i, body, 8 + i), newText: ch });
    const now = (await full()).tokens;
    const text = client.text(uri);
    assert.equal(kind(at(now, text, 'uint256 net = _net(amount);', '_net')), 'function', `after ${JSON.stringify(typed.slice(0, i + 1))}`);
    assert.equal(kind(at(now, text, 'return amount - FEE;', 'FEE')), 'property.readonly.static', `after ${JSON.stringify(typed.slice(0, i + 1))}`);
  }
  // Mended (`uint256 x = 1;`): classified afresh again, the new local among the names.
  client.edit(uri, { range: range(body, 8 + typed.length, body, 8 + typed.length), newText: ' = 1;' });
  const mended = (await full()).tokens;
  assert.deepEqual(mended, await fresh());
  assert.equal(kind(at(mended, client.text(uri), 'uint256 x = 1;', 'x')), 'variable');
});
