// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

contract VaultV1 is Initializable, OwnableUpgradeable {
    address public immutable weth;

    // expect: HS-UPG-002
    constructor(address _weth) {
        weth = _weth;
        _disableInitializers();
    }

    function initialize(address owner) external initializer {
        __Ownable_init(owner);
    }
}

contract VaultV2 is OwnableUpgradeable {
    // expect: HS-UPG-002
    constructor() { _disableInitializers(); }
}

contract VaultV3 is Initializable, OwnableUpgradeable {
    address public immutable weth;

    // ok: HS-UPG-002
    constructor(address _weth) {
        weth = _weth;
        _disableInitializers();
    }
}

contract NotUpgradeable {
    uint256 public x;

    // ok: HS-UPG-002
    constructor() {
        x = 1;
    }
}
