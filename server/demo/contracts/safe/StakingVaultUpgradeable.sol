// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

contract StakingVaultUpgradeable is Initializable, OwnableUpgradeable {
    uint256 public rewardRate;
    mapping(address => uint256) public stakes;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address admin) external initializer {
        __Ownable_init(admin);
        rewardRate = 100;
    }

    function stake() external payable {
        stakes[msg.sender] += msg.value;
    }

    function setRewardRate(uint256 rate) external onlyOwner {
        rewardRate = rate;
    }
}
