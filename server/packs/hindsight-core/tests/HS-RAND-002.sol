// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Raffle {
    address[] public players;
    uint256 public constant EPOCH_LENGTH = 1 days;

    function draw() external view returns (address) {
        // expect: HS-RAND-002
        return players[block.timestamp % players.length];
    }

    function coinFlip() external view returns (bool) {
        // expect: HS-RAND-002
        return uint256(blockhash(block.number - 1)) % 2 == 0;
    }

    function epochOffset() external view returns (uint256) {
        // ok: HS-RAND-002
        return block.timestamp % EPOCH_LENGTH;
    }

    function truncate() external view returns (uint256) {
        // ok: HS-RAND-002
        return block.timestamp % 2**32;
    }
}
