// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

// expect: HS-UPG-003
abstract contract FeeModule is Initializable {
    uint256 internal feeBps;
    address public treasury;
    uint256[50] private __gap;
}

// expect: HS-UPG-003
abstract contract RewardsBase is OwnableUpgradeable {
    mapping(address => uint256) private rewards;
    uint256[50] private __gap;
}

// ok: HS-UPG-003
abstract contract FeeModuleGapped is Initializable {
    uint256 internal feeBps;
    uint256[49] private __gap;
}

// ok: HS-UPG-003
abstract contract NamespacedBase is Initializable {
    bytes32 private constant STORAGE = keccak256("example.storage");
}

// ok: HS-UPG-003
abstract contract PlainBase {
    uint256 internal x;
}
