// Semantic filters in the language server: an open document's findings see what it imports through the folder's
// project, an open document's unsaved text wins over the file on disk, and editing an imported document brings
// the findings of the documents that import it up to date.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, range, workspace } from './client';
import { BASE_SETTINGS, T_KILL } from './fixtures';

const PACK = `name: semantic-test
version: 1.0.0
findings:
${T_KILL}  - id: T-ORIGIN
    title: tx.origin read
    severity: low
    confidence: high
    category: access-control
    description: Reads tx.origin.
    recommendation: Read msg.sender.
    references:
      - title: Example reference
        url: https://example.com/t-origin
    match:
      pattern: tx.origin
`;

const BASE = `pragma solidity ^0.8.0;
abstract contract Auth {
    address internal owner;
    modifier whenAllowed() {
        require(msg.sender == owner, "no");
        _;
    }
}
`;

// Line numbers (0-based) matter: selfdestruct is on line 4.
const MAIN = `pragma solidity ^0.8.0;
import "./Auth.sol";
contract Main is Auth {
    function kill() external whenAllowed {
        selfdestruct(payable(owner));
    }
}
`;

// A base whose modifier checks nothing, two imports away: its importer's findings need the model.
const LOOSE = `pragma solidity ^0.8.0;
abstract contract Loose {
    address internal owner;
    modifier whenAllowed() {
        _;
    }
}
`;
const MIDDLE = `pragma solidity ^0.8.0;
import "./Loose.sol";
abstract contract Middle is Loose {}
`;
const OPEN = `pragma solidity ^0.8.0;
import "./Middle.sol";
contract Open is Middle {
    function kill() external whenAllowed {
        selfdestruct(payable(tx.origin));
    }
}
`;

const ws = workspace({
  '.hindsight/packs/semantic-test/pack.yaml': PACK,
  'src/Auth.sol': BASE,
  'src/Main.sol': MAIN,
  'src/Loose.sol': LOOSE,
  'src/Middle.sol': MIDDLE,
  'src/Open.sol': OPEN,
});
let client: TestClient;

before(async () => {
  client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
});
after(async () => {
  await client.stop();
  ws.dispose();
});

const kills = (uri: string) => (client.diagnostics.get(uri) ?? []).filter((d) => d.code === 'T-KILL');

test('an imported modifier that checks the caller guards, though its name says nothing', async () => {
  const main = ws.uri('src/Main.sol');
  client.open(main, MAIN);
  const ds = await client.diagnosticsOf(main);
  assert.deepEqual(
    ds.filter((d) => d.code === 'T-KILL'),
    [],
  );
});

test('an unsaved edit of the imported document wins over the disk, and its importers are analysed again', async () => {
  const main = ws.uri('src/Main.sol');
  const base = ws.uri('src/Auth.sol');
  client.open(base, BASE);
  await client.diagnosticsOf(base);
  // The modifier stops checking (on disk it still does).
  client.edit(base, { range: range(4, 8, 4, 45), newText: '' });
  const ds = await client.diagnosticsOf(main, (d) => d.some((x) => x.code === 'T-KILL'));
  assert.deepEqual(
    kills(main).map((d) => [d.range.start.line, d.range.start.character]),
    [[4, 8]],
  );
  assert.equal(ds.filter((d) => d.code === 'T-KILL').length, 1);
  // And back.
  client.edit(base, { range: range(4, 8, 4, 8), newText: 'require(msg.sender == owner, "no");' });
  await client.diagnosticsOf(main, (d) => !d.some((x) => x.code === 'T-KILL'));
  assert.deepEqual(kills(main), []);
});

test('a document whose imports are not read yet gets every finding once they are', async () => {
  // The server reads the imports one per turn and shows the findings that need no model first (no timing is
  // asserted: only that the findings that need the imports arrive, with the others).
  const open = ws.uri('src/Open.sol');
  client.open(open, OPEN);
  const ds = await client.diagnosticsOf(open, (d) => d.some((x) => x.code === 'T-KILL'));
  assert.deepEqual(ds.map((d) => `${d.code}@${d.range.start.line}`).sort(), ['T-KILL@4', 'T-ORIGIN@4']);
});
