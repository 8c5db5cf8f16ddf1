// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Lottery {
    address[] public players;
    uint256 private nonce;

    function pickWinner() external view returns (address) {
        // expect: HS-RAND-001
        uint256 r = uint256(keccak256(abi.encodePacked(block.timestamp, block.prevrandao, players.length)));
        return players[r % players.length];
    }

    function roll() external returns (uint256) {
        nonce++;
        // expect: HS-RAND-001
        return uint256(keccak256(abi.encode(msg.sender, nonce, blockhash(block.number - 1)))) % 6;
    }

    function commitId(bytes32 secret) external pure returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encodePacked(secret));
    }

    function orderHash(address maker, uint256 amount) external view returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encode(maker, amount, address(this)));
    }

    function orderId(address maker) external view returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encode(maker, block.timestamp));
    }
}
