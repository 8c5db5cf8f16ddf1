// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

contract Vault is ReentrancyGuard {
    mapping(address => uint256) public balances;

    function withdraw() external {
        uint256 amount = balances[msg.sender];
        // expect: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        balances[msg.sender] = 0;
    }

    function withdrawSome(uint256 amount) public {
        require(balances[msg.sender] >= amount);
        // expect: HS-REENT-001
        (bool success, bytes memory data) = payable(msg.sender).call{value: amount}("");
        if (success) {
            data;
            balances[msg.sender] -= amount;
        }
    }

    function withdrawOld(uint256 amount) public {
        // expect: HS-REENT-001
        require(msg.sender.call{value: amount}(""));
        balances[msg.sender] -= amount;
    }

    // Checks-effects-interactions: the balance is cleared first.
    function withdrawCEI() external {
        uint256 amount = balances[msg.sender];
        balances[msg.sender] = 0;
        // ok: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
    }

    // Guarded by a reentrancy lock.
    function withdrawGuarded() external nonReentrant {
        uint256 amount = balances[msg.sender];
        // ok: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        balances[msg.sender] = 0;
    }

    // A call without value followed by a write is another finding's business.
    function ping(address target) external {
        // ok: HS-REENT-001
        (bool ok, ) = target.call(abi.encodeWithSignature("ping()"));
        require(ok);
        balances[target] = 1;
    }
}
