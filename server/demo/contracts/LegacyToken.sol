// SPDX-License-Identifier: MIT
pragma solidity ^0.6.12;

/// A token from 2020: Solidity 0.6 arithmetic wraps silently on overflow.
contract LegacyToken {
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;

    function mint(address to, uint256 amount) external {
        totalSupply = totalSupply + amount;
        balanceOf[to] = balanceOf[to] + amount;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        balanceOf[msg.sender] = balanceOf[msg.sender] - amount;
        balanceOf[to] = balanceOf[to] + amount;
        return true;
    }
}
