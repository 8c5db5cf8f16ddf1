// SPDX-License-Identifier: MIT
pragma solidity ^0.4.24;

// Call options ({value: ...}) exist from 0.6.2: on a pragma that allows older compilers, no rewrite is offered.
contract Old {
    function pay(address to, uint256 amount) public returns (bool) {
        // fix: HS-DEPR-008 none
        return to.call.value(amount)();
    }
}
