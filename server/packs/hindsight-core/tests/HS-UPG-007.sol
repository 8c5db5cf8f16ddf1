// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";

// The implementation pointer sits in slot 0, where the implementation keeps its first variable.
contract SimpleProxy {
    address public implementation;
    address public owner;

    constructor(address impl) {
        implementation = impl;
        owner = msg.sender;
    }

    fallback() external payable {
        // expect: HS-UPG-007
        (bool ok, ) = implementation.delegatecall(msg.data);
        require(ok);
    }

    function callLogic(bytes calldata data) external {
        // expect: HS-UPG-007
        (bool ok, ) = address(implementation).delegatecall(data);
        require(ok);
    }
}

// A proxy base keeps its state in EIP-1967 slots; a variable declared here lands in slot 0 all the same.
// expect: HS-UPG-007
contract AdminProxy is TransparentUpgradeableProxy {
    address private guardian;

    constructor(address logic, address admin) TransparentUpgradeableProxy(logic, admin, "") {
        guardian = admin;
    }
}

// The implementation in an immutable (in the code, not in storage), and no variables of its own.
contract FixedProxy {
    address public immutable implementation;

    constructor(address impl) {
        implementation = impl;
    }

    fallback() external payable {
        // ok: HS-UPG-007
        (bool ok, ) = implementation.delegatecall(msg.data);
        require(ok);
    }
}

// The implementation in its EIP-1967 slot.
contract SlotProxy {
    fallback() external payable {
        address impl = ERC1967Utils.getImplementation();
        // ok: HS-UPG-007
        (bool ok, ) = impl.delegatecall(msg.data);
        require(ok);
    }
}

// ok: HS-UPG-007
contract PlainProxy is TransparentUpgradeableProxy {
    constructor(address logic, address admin) TransparentUpgradeableProxy(logic, admin, "") {}
}

// The slot number is a variable, so it is stored in slot 0 itself, where the implementation writes.
contract SlotVariableProxy {
    bytes32 internal implementationSlot = keccak256("my.proxy.implementation");
    bytes32 internal constant ADMIN_SLOT = keccak256("my.proxy.admin");

    function _implementation() internal view returns (address) {
        // expect: HS-UPG-007
        return StorageSlot.getAddressSlot(implementationSlot).value;
    }

    function _admin() internal view returns (address) {
        // ok: HS-UPG-007
        return StorageSlot.getAddressSlot(ADMIN_SLOT).value;
    }
}
