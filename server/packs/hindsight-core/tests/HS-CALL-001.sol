// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Payer {
    mapping(address => uint256) public owed;
    bool public lastOk;

    function pay(address to, uint256 amount) external {
        // expect: HS-CALL-001
        to.call{value: amount}("");
    }

    function poke(address target, bytes calldata data) external {
        // expect: HS-CALL-001
        target.call(data);
    }

    function forward(address target, bytes calldata data) external {
        // expect: HS-CALL-001
        target.delegatecall(data);
    }

    function payKept(address to, uint256 amount) external {
        owed[to] = 0;
        // expect: HS-CALL-001
        (bool ok, ) = to.call{value: amount}("");
        emit Paid(to, amount);
    }

    function payStored(address to, uint256 amount) external {
        // expect: HS-CALL-001
        (lastOk, ) = to.call{value: amount}("");
    }

    function payChecked(address to, uint256 amount) external {
        // ok: HS-CALL-001
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "payment failed");
    }

    function payLater(address to, uint256 amount) external {
        // ok: HS-CALL-001
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert PaymentFailed();
    }

    function payReturned(address to, uint256 amount) external returns (bool ok) {
        // ok: HS-CALL-001
        (ok, ) = to.call{value: amount}("");
    }

    function payRequired(address to, uint256 amount) external {
        // ok: HS-CALL-001
        require(payable(to).send(amount));
    }

    function read(address target) external view returns (bytes memory) {
        // ok: HS-CALL-001
        (bool ok, bytes memory out) = target.staticcall("");
        require(ok);
        return out;
    }

    function typed(Payer other) external {
        // ok: HS-CALL-001
        other.read(address(this));
    }

    event Paid(address to, uint256 amount);
    error PaymentFailed();
}
