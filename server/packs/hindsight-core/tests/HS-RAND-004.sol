// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract CoinFlip {
    uint256 public pot;
    mapping(uint256 => bytes32) public seeds;
    uint256 public committedBlock;

    function flip(bool guess) external payable returns (bool won) {
        // expect: HS-RAND-004
        bytes32 h = blockhash(block.number);
        won = (uint256(h) & 1 == 1) == guess;
    }

    function roll() external view returns (uint256) {
        // expect: HS-RAND-004
        return uint256(keccak256(abi.encode(blockhash(block.number + 1), msg.sender))) % 6;
    }

    function nextSeed(uint256 id) external {
        // expect: HS-RAND-004
        seeds[id] = blockhash(block.number + 5);
    }

    function parentHash() external view returns (bytes32) {
        // ok: HS-RAND-004
        return blockhash(block.number - 1);
    }

    function settle() external view returns (bytes32) {
        require(block.number > committedBlock, "too early");
        // ok: HS-RAND-004
        return blockhash(committedBlock);
    }
}

contract Legacy04 {
    function draw() public view returns (uint256) {
        // expect: HS-RAND-004
        return uint256(block.blockhash(block.number)) % 10;
    }
}
