// What the editor tests share: the documented setups are read from the docs themselves, so the tests run what a
// user pastes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../unit/cli-helpers';

/** The code block between `<!-- name:begin -->` and `<!-- name:end -->` in a doc. */
export function docBlock(doc: string, name: string): string {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const m = new RegExp(`<!-- ${name}:begin -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(text);
  if (!m) throw new Error(`${doc} has no ${name} block`);
  return m[1];
}

/** A vulnerable contract: HS-ACCESS-001 (high) on line 8, the `require(tx.origin == owner)`. */
export const VAULT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Vault {
    address public owner;

    function withdraw(address payable to, uint256 amount) external {
        require(tx.origin == owner, "not owner");
        to.transfer(amount);
    }
}
`;
