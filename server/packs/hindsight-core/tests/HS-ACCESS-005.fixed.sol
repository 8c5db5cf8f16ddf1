// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

contract VaultA is UUPSUpgradeable, OwnableUpgradeable {
    // expect: HS-ACCESS-005
    function _authorizeUpgrade(address newImplementation) internal override onlyOwner {}
}

contract VaultB is UUPSUpgradeable {
    // expect: HS-ACCESS-005
    function _authorizeUpgrade(address) internal virtual override {
    }
}

contract VaultC is UUPSUpgradeable, OwnableUpgradeable {
    // ok: HS-ACCESS-005
    function _authorizeUpgrade(address) internal override onlyOwner {}
}

contract VaultD is UUPSUpgradeable, OwnableUpgradeable {
    // ok: HS-ACCESS-005
    function _authorizeUpgrade(address) internal view override {
        _checkOwner();
    }
}
