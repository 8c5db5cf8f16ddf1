// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Payer {
    bool public lastOk;

    function pay(address payable to, uint256 amount) external {
        // expect: HS-ETH-002
        to.send(amount);
    }

    function refund(uint256 amount) external {
        // expect: HS-ETH-002
        payable(msg.sender).send(amount);
    }

    function payStored(address payable to, uint256 amount) external {
        // expect: HS-ETH-002
        lastOk = to.send(amount);
    }

    function payKeptUnused(address payable to, uint256 amount) external {
        // expect: HS-ETH-002
        bool ok = to.send(amount);
        emit Sent(to, amount);
    }

    function payChecked(address payable to, uint256 amount) external {
        // ok: HS-ETH-002
        require(to.send(amount), "send failed");
    }

    function payIf(address payable to, uint256 amount) external {
        // ok: HS-ETH-002
        bool ok = to.send(amount);
        if (!ok) revert();
    }

    function payKept(address payable to, uint256 amount) external returns (bool) {
        // ok: HS-ETH-002
        bool ok = to.send(amount);
        return ok;
    }

    event Sent(address to, uint256 amount);
}
