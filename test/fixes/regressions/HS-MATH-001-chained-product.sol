// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Rewards {
    uint256 public rate = 3;

    // Moving the one division of `(a / b) * c * d` gives `a * c / b * d`: still a division before a
    // multiplication. Not offered on a product that is multiplied further.
    function chained(uint256 staked, uint256 elapsed) external view returns (uint256) {
        // fix: HS-MATH-001 none
        return (staked / 1e18) * rate * elapsed;
    }

    function single(uint256 staked) external view returns (uint256) {
        // fix: HS-MATH-001 review
        return (staked / 1e18) * rate;
    }
}
