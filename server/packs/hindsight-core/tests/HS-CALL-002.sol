// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Executor {
    address public owner = msg.sender;
    address public immutable implementation;

    constructor(address impl) {
        implementation = impl;
    }

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function execute(address target, bytes calldata data) external returns (bytes memory) {
        // expect: HS-CALL-002
        (bool ok, bytes memory out) = target.delegatecall(data);
        require(ok);
        return out;
    }

    function run(bytes memory data, address lib) public {
        // expect: HS-CALL-002
        (bool ok, ) = lib.delegatecall(data);
        require(ok);
    }

    function executeAdmin(address target, bytes calldata data) external onlyOwner {
        // ok: HS-CALL-002
        (bool ok, ) = target.delegatecall(data);
        require(ok);
    }

    function forward(address caller, bytes calldata data) external {
        caller;
        // ok: HS-CALL-002
        (bool ok, ) = implementation.delegatecall(data);
        require(ok);
    }

    function _delegate(address target, bytes memory data) internal {
        // ok: HS-CALL-002
        (bool ok, ) = target.delegatecall(data);
        require(ok);
    }
}
