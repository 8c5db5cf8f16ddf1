// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

// expect: HS-UPG-001
contract VaultV1 is Initializable, OwnableUpgradeable, UUPSUpgradeable {
    constructor() { _disableInitializers(); }
    function initialize(address owner) external initializer {
        __Ownable_init(owner);
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

// expect: HS-UPG-001
contract Box is Initializable {
    constructor() { _disableInitializers(); }
    uint256 public value;

    function initialize(uint256 v) external initializer {
        value = v;
    }
}

// ok: HS-UPG-001
contract VaultV2 is Initializable, OwnableUpgradeable, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address owner) external initializer {
        __Ownable_init(owner);
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

// ok: HS-UPG-001
contract Plain {
    uint256 public value;
}

// ok: HS-UPG-001
abstract contract BaseUpgradeable is Initializable {
    uint256 internal x;
}
