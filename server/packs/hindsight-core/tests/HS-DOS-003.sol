// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract Escrow {
    uint256 public expected;
    uint256 public deposited;
    IERC20 public token;

    struct Account {
        uint256 balance;
    }

    mapping(address => Account) accounts;

    function release() external view returns (bool) {
        // expect: HS-DOS-003
        require(address(this).balance == expected, "not funded");
        return true;
    }

    function settle() external view returns (bool) {
        // expect: HS-DOS-003
        return token.balanceOf(address(this)) == deposited;
    }

    function game(uint256 target) external payable {
        uint256 current = address(this).balance;
        require(current <= target, "over");
        // expect: HS-DOS-003
        if (current == target) {
            payable(msg.sender).transfer(current);
        }
    }

    function lock(address payable vault) external payable {
        vault.transfer(msg.value);
        // expect: HS-DOS-003
        assert(vault.balance == msg.value);
    }

    function releaseSafe() external view returns (bool) {
        // ok: HS-DOS-003
        require(address(this).balance >= expected, "not funded");
        return true;
    }

    function empty() external view returns (bool) {
        // ok: HS-DOS-003
        return token.balanceOf(address(this)) == 0;
    }

    function settleSafe() external view returns (bool) {
        // ok: HS-DOS-003
        return deposited == expected;
    }

    function accountEmpty(address who, uint256 v) external view returns (bool) {
        // ok: HS-DOS-003
        return accounts[who].balance == v;
    }
}

// Pre-0.5 spelling.
contract LegacyToken {
    uint256 totalSupply;

    function mint() public payable {
        totalSupply += msg.value;
        // expect: HS-DOS-003
        assert(this.balance == totalSupply);
    }
}
