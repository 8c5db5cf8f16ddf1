// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Fees {
    uint256 public constant BPS = 10_000;
    uint256 public feeBps = 30;
    uint256 public rewardRate;

    function fee(uint256 amount) external view returns (uint256) {
        // expect: HS-MATH-001
        return amount * feeBps / BPS;
    }

    function reward(uint256 staked, uint256 elapsed) external view returns (uint256) {
        // expect: HS-MATH-001
        uint256 r = (staked / 1e18) * rewardRate * elapsed;
        return r;
    }

    function feeRight(uint256 amount) external view returns (uint256) {
        // ok: HS-MATH-001
        return amount * feeBps / BPS;
    }

    function roundDown(uint256 amount, uint256 lot) external pure returns (uint256) {
        // ok: HS-MATH-001
        return amount / lot * lot;
    }
}
