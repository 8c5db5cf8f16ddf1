// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Payroll {
    address payable[] public payees;
    mapping(address => uint256) public owed;

    function payAll(uint256 amount) external {
        for (uint256 i = 0; i < payees.length; i++) {
            // expect: HS-CALL-003
            (bool ok, ) = payees[i].call{value: amount}("");
            require(ok, "payment failed");
        }
    }

    function payAllTransfer(uint256 amount) external {
        uint256 i;
        while (i < payees.length) {
            // expect: HS-CALL-003
            payees[i].transfer(amount);
            i++;
        }
    }

    // Pull payments: each payee withdraws alone.
    function credit(uint256 amount) external {
        for (uint256 i = 0; i < payees.length; i++) {
            // ok: HS-CALL-003
            owed[payees[i]] += amount;
        }
    }

    function withdraw() external {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // ok: HS-CALL-003
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok);
    }
}
