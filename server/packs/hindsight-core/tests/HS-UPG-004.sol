// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

contract FeeVault is Initializable, OwnableUpgradeable {
    // expect: HS-UPG-004
    uint256 public feeBps = 30;
    // expect: HS-UPG-004
    address internal treasury = address(0xBEEF);
    // ok: HS-UPG-004
    uint256 public constant MAX_FEE = 1000;
    // ok: HS-UPG-004
    uint256 public maxDeposit;

    function initialize(address owner) external initializer {
        __Ownable_init(owner);
        maxDeposit = 1e24;
    }
}

contract NotUpgradeable {
    // ok: HS-UPG-004
    uint256 public feeBps = 30;
}
