// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// Deployed behind a proxy. The implementation itself is never initialised (no constructor calling
/// _disableInitializers), so anyone can call initialize() on it and become its owner.
contract StakingVaultUpgradeable is Initializable, OwnableUpgradeable {
    // Runs in the implementation's constructor only: through the proxy, this is 0.
    uint256 public rewardRate = 100;
    mapping(address => uint256) public stakes;

    function initialize(address admin) external initializer {
        __Ownable_init(admin);
    }

    function stake() external payable {
        stakes[msg.sender] += msg.value;
    }

    function setRewardRate(uint256 rate) external onlyOwner {
        rewardRate = rate;
    }
}
