// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Proxy {
    address public implementation;
    address public admin = msg.sender;
    mapping(address => bool) public upgraders;

    error NotAdmin();

    modifier onlyAdmin() {
        require(msg.sender == admin, "admin");
        _;
    }

    function _authorizeUpgrade(address) internal view {
        if (!upgraders[msg.sender]) revert NotAdmin();
    }

    // expect: HS-ACCESS-004
    function upgradeTo(address newImplementation) external {
        implementation = newImplementation;
    }

    // expect: HS-ACCESS-004
    function setImplementation(address impl, bytes calldata data) public {
        implementation = impl;
        (bool ok, ) = impl.delegatecall(data);
        require(ok);
    }

    // ok: HS-ACCESS-004
    function upgradeToAndCall(address newImplementation) external onlyAdmin {
        implementation = newImplementation;
    }

    // ok: HS-ACCESS-004
    function upgrade(address newImplementation) external {
        require(msg.sender == admin, "admin");
        implementation = newImplementation;
    }

    // The hook checks the caller: the upgrade is guarded by what the hook does.
    // ok: HS-ACCESS-004
    function changeImplementation(address newImplementation) external {
        _authorizeUpgrade(newImplementation);
        implementation = newImplementation;
    }

    // ok: HS-ACCESS-004
    function setLogic(address newImplementation) external {
        if (msg.sender != admin) revert NotAdmin();
        implementation = newImplementation;
    }
}

// An abstract base leaves the check to the hook its heirs write.
abstract contract UUPSLike {
    function _authorizeUpgrade(address) internal virtual;
    function _set(address) internal virtual;

    // ok: HS-ACCESS-004
    function upgradeTo(address newImplementation) public virtual {
        _authorizeUpgrade(newImplementation);
        _set(newImplementation);
    }
}

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

// The contract has an owner but does not use it here: the fix adds its onlyOwner.
contract OwnedProxy is Ownable {
    address public implementation;

    constructor() Ownable(msg.sender) {}

    // expect: HS-ACCESS-004
    function upgradeTo(address newImplementation) external {
        implementation = newImplementation;
    }
}
