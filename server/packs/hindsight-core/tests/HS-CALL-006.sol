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
