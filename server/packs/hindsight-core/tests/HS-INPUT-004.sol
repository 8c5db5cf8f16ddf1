// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRewarder {
    function stake(address account, uint256 amount) external;
}

contract MultiRewards {
    address public owner;
    IRewarder[] public extraRewards;
    address[] public rewardTokens;
    address[] public keepers;
    mapping(address => bool) public isRewardToken;

    error Duplicate();

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function addExtraReward(IRewarder rewarder) external onlyOwner {
        // expect: HS-INPUT-004
        extraRewards.push(rewarder);
    }

    function addRewardToken(address token) external {
        require(msg.sender == owner, "owner");
        // expect: HS-INPUT-004
        rewardTokens.push(token);
    }

    function addRewardTokenOnce(address token) external onlyOwner {
        if (isRewardToken[token]) revert Duplicate();
        isRewardToken[token] = true;
        // ok: HS-INPUT-004
        rewardTokens.push(token);
    }

    function addExtraRewardSearched(IRewarder rewarder) external onlyOwner {
        for (uint256 i = 0; i < extraRewards.length; i++) {
            require(extraRewards[i] != rewarder, "dup");
        }
        // ok: HS-INPUT-004
        extraRewards.push(rewarder);
    }

    function addKeeper(address keeper) external onlyOwner {
        // ok: HS-INPUT-004
        keepers.push(keeper);
    }

    function stake(uint256 amount) external {
        for (uint256 i = 0; i < extraRewards.length; ++i) {
            extraRewards[i].stake(msg.sender, amount);
        }
        uint256 n = rewardTokens.length;
        for (uint256 j; j < n; ++j) {
            isRewardToken[rewardTokens[j]] = true;
        }
    }
}
