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

    function interest(uint256 principal, uint256 rate, uint256 periods) external pure returns (uint256) {
        uint256 perPeriod = principal / periods;
        // expect: HS-MATH-001
        return perPeriod * rate;
    }

    function shares(uint256 amount, uint256 price, uint256 scale, bool fast) external pure returns (uint256 out) {
        uint256 units = amount;
        if (fast) {
            units = amount / price;
        }
        // expect: HS-MATH-001
        out = units * scale;
    }

    function lots(uint256 amount, uint256 lot) external pure returns (uint256) {
        uint256 count = amount / lot;
        // ok: HS-MATH-001
        return count * lot;
    }

    function scaled(uint256 amount, uint256 price, uint256 scale) external pure returns (uint256) {
        uint256 value = amount * scale;
        // ok: HS-MATH-001
        return value / price;
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
