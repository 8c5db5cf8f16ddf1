// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

library Pay {
    function sendValue(address payable to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "send failed");
    }
}

contract Vault is ReentrancyGuard {
    using Pay for address payable;

    mapping(address => uint256) public balances;
    uint256 public totalDeposits;
    uint256 private lockFlag = 1;

    modifier mutex() {
        require(lockFlag == 1, "reentered");
        lockFlag = 2;
        _;
        lockFlag = 1;
    }

    function withdraw() external nonReentrant {
        uint256 amount = balances[msg.sender];
        // expect: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        balances[msg.sender] = 0;
    }

    // The write sits inside the `if` that tests the call's result.
    function withdrawSome(uint256 amount) public nonReentrant {
        require(balances[msg.sender] >= amount);
        // expect: HS-REENT-001
        (bool success, bytes memory data) = payable(msg.sender).call{value: amount}("");
        if (success) {
            data;
            balances[msg.sender] -= amount;
        }
    }

    // The ETH leaves through an internal helper.
    function _send(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function exit() external nonReentrant {
        uint256 amount = balances[msg.sender];
        // expect: HS-REENT-001
        _send(msg.sender, amount);
        totalDeposits -= amount;
        delete balances[msg.sender];
    }

    // A library wrapper bound with `using for`.
    function withdrawTo(address payable to) external nonReentrant {
        uint256 amount = balances[msg.sender];
        // expect: HS-REENT-001
        to.sendValue(amount);
        balances[msg.sender] = 0;
    }

    // Checks-effects-interactions: the balance is cleared first.
    function withdrawCEI() external {
        uint256 amount = balances[msg.sender];
        balances[msg.sender] = 0;
        // ok: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
    }

    // Checks-effects-interactions through the helper.
    function exitCEI() external {
        uint256 amount = balances[msg.sender];
        delete balances[msg.sender];
        totalDeposits -= amount;
        // ok: HS-REENT-001
        _send(msg.sender, amount);
    }

    // Guarded by a reentrancy lock (OpenZeppelin's, here unresolved: taken by its name).
    function withdrawGuarded() external nonReentrant {
        uint256 amount = balances[msg.sender];
        // ok: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        balances[msg.sender] = 0;
    }

    // Guarded by a lock written by hand, under a name that says nothing: recognised by what it does.
    function withdrawMutex() external mutex {
        uint256 amount = balances[msg.sender];
        // ok: HS-REENT-001
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        balances[msg.sender] = 0;
    }

    // Nothing read before the call is written after it.
    function donate(address payable to) external payable {
        // ok: HS-REENT-001
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok);
        totalDeposits += msg.value;
    }

    // `transfer` forwards 2,300 gas: the receiver cannot re-enter.
    function withdrawStipend() external {
        uint256 amount = balances[msg.sender];
        // ok: HS-REENT-001
        payable(msg.sender).transfer(amount);
        balances[msg.sender] = 0;
    }

    // A call without value followed by a write is another finding's business.
    function ping(address target) external {
        require(balances[target] == 0);
        // ok: HS-REENT-001
        (bool ok, ) = target.call(abi.encodeWithSignature("ping()"));
        require(ok);
        balances[target] = 1;
    }
}

// Pre-0.7 syntax, as deployed contracts still have it (the model reads it whatever the pragma says).
contract LegacyBank is ReentrancyGuard {
    mapping(address => uint256) credit;

    function withdraw(uint256 amount) public nonReentrant {
        if (credit[msg.sender] >= amount) {
            // expect: HS-REENT-001
            if (msg.sender.call.value(amount)()) {
                credit[msg.sender] -= amount;
            }
        }
    }

    function withdrawAll() public nonReentrant {
        // expect: HS-REENT-001
        require(msg.sender.call.value(credit[msg.sender])());
        credit[msg.sender] = 0;
    }

    function withdrawAllCEI() public {
        uint256 amount = credit[msg.sender];
        credit[msg.sender] = 0;
        // ok: HS-REENT-001
        require(msg.sender.call.value(amount)());
    }
}
