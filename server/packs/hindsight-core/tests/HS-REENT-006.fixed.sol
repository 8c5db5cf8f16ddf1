// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

contract Bank is ReentrancyGuard {
    mapping(address => uint256) public balances;

    function withdraw() external nonReentrant {
        uint256 amount = balances[msg.sender];
        balances[msg.sender] = 0;
        // ok: HS-REENT-006
        Address.sendValue(payable(msg.sender), amount);
    }

    function refund(address to, uint256 amount) external nonReentrant {
        // expect: HS-REENT-006
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function payout(address payable to, uint256 amount) public nonReentrant {
        // expect: HS-REENT-006
        Address.sendValue(to, amount);
    }

    function _pay(address to, uint256 amount) internal {
        // ok: HS-REENT-006
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }
}

contract Unguarded {
    function refund(address to, uint256 amount) external {
        // ok: HS-REENT-006
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }
}
