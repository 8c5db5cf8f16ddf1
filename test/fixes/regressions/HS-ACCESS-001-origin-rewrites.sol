// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Issue 18: rewriting tx.origin into msg.sender changes who is authorised. Where the other side is the caller
// (an EOA-only check), the rewrite is always true: no fix. Elsewhere it is a review fix, never a safe one.
contract Minter {
    address public owner;
    uint256 public minted;

    constructor() {
        owner = msg.sender;
    }

    function _msgSender() internal view returns (address) {
        return msg.sender;
    }

    function mintHuman() external {
        // fix: HS-ACCESS-001 none
        require(tx.origin == address(msg.sender), "no contracts");
        minted += 1;
    }

    function mintRelayed() external {
        // fix: HS-ACCESS-001 none
        require(tx.origin == _msgSender(), "no contracts");
        minted += 1;
    }

    function setOwner(address next) external {
        // fix: HS-ACCESS-001 review
        require(tx.origin == owner, "not owner");
        owner = next;
    }
}
