// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";

contract VaultA is OwnableUpgradeable {
    uint256 public fee;

    // expect: HS-UPG-006
    function initialize(uint256 _fee) external initializer {
        fee = _fee;
    }
}

contract TokenA is ERC20Upgradeable {
    // expect: HS-UPG-006
    function initialize() external initializer {
        _mint(msg.sender, 1e24);
    }
}

contract VaultB is OwnableUpgradeable {
    uint256 public fee;

    // ok: HS-UPG-006
    function initialize(address owner, uint256 _fee) external initializer {
        __Ownable_init(owner);
        fee = _fee;
    }
}

contract TokenB is ERC20Upgradeable, OwnableUpgradeable {
    // ok: HS-UPG-006
    function initialize() external initializer {
        __ERC20_init("Token", "TKN");
        __Ownable_init(msg.sender);
        _mint(msg.sender, 1e24);
    }
}
