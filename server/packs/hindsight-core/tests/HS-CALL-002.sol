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

contract LegacyForwarder {
    address owner;

    function LegacyForwarder() public {
        owner = msg.sender;
    }

    function forward(address callee, bytes _data) public {
        // expect: HS-CALL-002
        require(address(callee).delegatecall(_data));
    }

    // Reverts whenever the delegatecall succeeds: nothing it wrote survives.
    function probe(address _to, bytes _data) external {
        // ok: HS-CALL-002
        require(!_to.delegatecall(_data));
    }

    // The internal helper is reached from an unguarded public function.
    function run(address lib, bytes _data) external {
        _exec(lib, _data);
    }

    function _exec(address target, bytes _data) internal {
        // expect: HS-CALL-002
        require(target.delegatecall(_data));
    }
}

// A proxy's one-time setup: the first call sets the implementation and runs its initialisation.
contract SetupProxy {
    address private implementation;

    function initialize(address logic, bytes memory data) public {
        require(implementation == address(0));
        implementation = logic;
        // ok: HS-CALL-002
        (bool ok, ) = logic.delegatecall(data);
        require(ok);
    }
}
