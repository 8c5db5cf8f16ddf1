// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Proxy {
    address public implementation;
    address public admin = msg.sender;

    modifier onlyAdmin() {
        require(msg.sender == admin, "admin");
        _;
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
}

abstract contract UUPSLike {
    function _authorizeUpgrade(address) internal virtual;
    function _set(address) internal virtual;

    // ok: HS-ACCESS-004
    function upgradeTo(address newImplementation) public virtual {
        _authorizeUpgrade(newImplementation);
        _set(newImplementation);
    }
}
