// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Raffle {
    address[] public players;
    uint256 public constant EPOCH_LENGTH = 1 days;
    uint256 private salt = block.timestamp;
    uint256 private lastPayout;

    function draw() external view returns (address) {
        // expect: HS-RAND-002
        return players[block.timestamp % players.length];
    }

    function throughALocal() external view returns (address) {
        uint256 seed = block.number + players.length;
        // expect: HS-RAND-002
        return players[seed % players.length];
    }

    function fromInitialValue(uint256 max) external view returns (uint256) {
        // expect: HS-RAND-002
        return (salt * 100 / max) % max + 1;
    }

    function fromHelper() external view returns (bool) {
        // expect: HS-RAND-002
        return _roll() % 10 == 0;
    }

    function _roll() internal view returns (uint256) {
        return block.prevrandao / 7;
    }

    // A hash of block values is HS-RAND-001's: reported there, once.
    function coinFlip() external view returns (bool) {
        // ok: HS-RAND-002
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

    function bucket(uint256 id) external view returns (uint256) {
        // ok: HS-RAND-002
        return (id + lastPayout) % players.length;
    }
}

// Pre-0.5 spelling.
contract LegacyRaffle {
    address[] players;

    function draw() public view returns (address) {
        // expect: HS-RAND-002
        return players[now % players.length];
    }
}
