// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Vesting {
    uint256 public startBlock;
    uint256 public lastUpdateBlock;
    uint256 public constant BLOCKS_PER_DAY = 7200;
    uint256 public startTime;

    function vested(uint256 total) external view returns (uint256) {
        // expect: HS-TIME-001
        uint256 elapsed = block.number - startBlock;
        return total * elapsed / (365 * BLOCKS_PER_DAY);
    }

    function pending(uint256 rate) external view returns (uint256) {
        // expect: HS-TIME-001
        return (block.number - lastUpdateBlock) * rate;
    }

    function vestedByTime(uint256 total) external view returns (uint256) {
        // ok: HS-TIME-001
        return total * (block.timestamp - startTime) / 365 days;
    }

    function snapshotId() external view returns (uint256) {
        // ok: HS-TIME-001
        return block.number - 1;
    }
}
