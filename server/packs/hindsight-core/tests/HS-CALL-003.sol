// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

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

    // Spellings the loop and the payment may take.
    function payAllSend(uint256 amount) external {
        for (uint256 i = payees.length; i > 0; ) {
            --i;
            // expect: HS-CALL-003
            bool sent = payees[i].send(amount);
            if (!sent) owed[payees[i]] += amount;
        }
    }

    function payAllDo(uint256 amount) external {
        uint256 i;
        do {
            // expect: HS-CALL-003
            payable(payees[i]).transfer(amount);
            i++;
        } while (i < payees.length);
    }

    // The helper's payment is reported where it is made.
    function payAllHelper(uint256 amount) external {
        for (uint256 i = 0; i < payees.length; i++) {
            // ok: HS-CALL-003
            _pay(payees[i], amount);
        }
    }

    function payAllLibrary(uint256 amount) external {
        for (uint256 i = 0; i < payees.length; i++) {
            // expect: HS-CALL-003
            Address.sendValue(payees[i], amount);
        }
    }

    // The helper is also called outside any loop; its payment is in a loop through payAllHelper.
    function payOne(address payable to, uint256 amount) external {
        _pay(to, amount);
    }

    function _pay(address payable to, uint256 amount) internal {
        // expect: HS-CALL-003
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "payment failed");
    }

    // A token transfer in a loop sends no ether.
    function airdrop(IToken token, uint256 amount) external {
        for (uint256 i = 0; i < payees.length; i++) {
            // ok: HS-CALL-003
            token.transfer(payees[i], amount);
        }
    }

    // A call without value in a loop is not a payment.
    function pingAll() external {
        for (uint256 i = 0; i < payees.length; i++) {
            // ok: HS-CALL-003
            (bool ok, ) = payees[i].call("");
            ok;
        }
    }
}

interface IToken {
    function transfer(address to, uint256 amount) external returns (bool);
}

// A batch of operations, each a call with its own calldata: the receivers run functions, nobody is just paid.
contract Executor {
    function executeBatch(address[] calldata targets, uint256[] calldata values, bytes[] calldata payloads) external payable {
        for (uint256 i = 0; i < targets.length; ++i) {
            // ok: HS-CALL-003
            (bool ok, ) = targets[i].call{value: values[i]}(payloads[i]);
            require(ok, "operation failed");
        }
    }
}
