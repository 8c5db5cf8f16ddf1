// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Router {
    address public owner = msg.sender;
    mapping(address => bool) public allowedTargets;

    function swapVia(address target, bytes calldata data) external payable {
        // expect: HS-CALL-006
        (bool ok, ) = target.call(data);
        require(ok, "call failed");
    }

    function execute(bytes memory payload, address dex) public {
        // expect: HS-CALL-006
        (bool ok, ) = dex.call(payload);
        require(ok);
    }

    function swapAllowed(address target, bytes calldata data) external {
        require(allowedTargets[target], "target");
        // ok: HS-CALL-006
        (bool ok, ) = target.call(data);
        require(ok);
    }

    function rescue(address target, bytes calldata data) external {
        require(msg.sender == owner, "owner");
        // ok: HS-CALL-006
        (bool ok, ) = target.call(data);
        require(ok);
    }
}

struct Call {
    address target;
    bytes data;
}

contract Batcher {
    address public admin;
    mapping(address => bool) public isKeeper;

    modifier onlyKeeper() {
        require(isKeeper[msg.sender], "keeper");
        _;
    }

    // Target and data as fields of a caller-supplied struct.
    function run(Call[] calldata calls) external {
        for (uint256 i = 0; i < calls.length; i++) {
            // expect: HS-CALL-006
            (bool ok, ) = calls[i].target.call(calls[i].data);
            require(ok);
        }
    }

    // Value forwarded too: still the caller's target and data.
    function forward(bytes calldata data, uint256 gasLeft, address to) external payable {
        gasLeft;
        // expect: HS-CALL-006
        (bool ok, ) = to.call{value: msg.value}(data);
        require(ok);
    }

    // A guard written in a modifier the contract defines, whatever its name.
    function keeperRun(address target, bytes calldata data) external onlyKeeper {
        // ok: HS-CALL-006
        (bool ok, ) = target.call(data);
        require(ok);
    }

    // A guard written as an early revert.
    function adminRun(address target, bytes calldata data) external {
        if (msg.sender != admin) revert();
        // ok: HS-CALL-006
        (bool ok, ) = target.call(data);
        require(ok);
    }

    // The calldata is built here: a fixed function on the caller's target, not an arbitrary call.
    function poke(address target) external {
        // ok: HS-CALL-006
        (bool ok, ) = target.call(abi.encodeWithSignature("poke()"));
        require(ok);
    }
}
