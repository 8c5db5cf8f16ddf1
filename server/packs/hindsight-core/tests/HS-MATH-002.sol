// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Staking {
    struct Stake {
        uint128 amount;
        uint64 since;
    }

    mapping(address => Stake) public stakes;

    function stake(uint256 amount) external {
        // expect: HS-MATH-002
        stakes[msg.sender].amount += uint128(amount);
        // ok: HS-MATH-002
        stakes[msg.sender].since = uint64(block.timestamp);
    }

    function boost(uint256 amount, uint256 factor) external {
        // expect: HS-MATH-002
        stakes[msg.sender].amount = uint96(amount * factor);
    }

    function stakeChecked(uint256 amount) external {
        require(amount <= type(uint128).max, "too large");
        // ok: HS-MATH-002
        stakes[msg.sender].amount += uint128(amount);
    }

    function small(uint256 amount) external {
        // expect: HS-MATH-002
        uint8 level = uint8(amount);
        stakes[msg.sender].amount = level;
    }

    function narrower(uint128 amount) external {
        // ok: HS-MATH-002
        stakes[msg.sender].since = uint64(amount);
    }

    function widen(uint128 amount) external pure returns (uint256) {
        // ok: HS-MATH-002
        return uint256(amount);
    }
}
