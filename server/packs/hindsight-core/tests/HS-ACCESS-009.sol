// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Faucet {
    error ContractsNotAllowed();

    function drip() external view {
        // expect: HS-ACCESS-009
        require(msg.sender.code.length == 0, "EOA only");
    }

    function drip2(address to) external view {
        // expect: HS-ACCESS-009
        if (to.code.length > 0) revert ContractsNotAllowed();
    }

    function isDeployed(address target) external view returns (bool) {
        // ok: HS-ACCESS-009
        return target.code.length > 0;
    }

    function check(address target) external view {
        // ok: HS-ACCESS-009
        require(target.code.length > 0, "not a contract");
    }
}
