// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract RewardPool {
    mapping(address => uint256) public balances;
    mapping(address => uint256) public rewards;
    mapping(address => uint256) public userRewardPerTokenPaid;
    uint256 public rewardPerTokenStored;
    uint256 public totalStaked;

    modifier updateReward(address account) {
        rewardPerTokenStored = rewardPerToken();
        rewards[account] = earned(account);
        userRewardPerTokenPaid[account] = rewardPerTokenStored;
        _;
    }

    function rewardPerToken() public view returns (uint256) {
        return rewardPerTokenStored + totalStaked;
    }

    function earned(address account) public view returns (uint256) {
        return balances[account] * (rewardPerToken() - userRewardPerTokenPaid[account]) + rewards[account];
    }

    function stake(uint256 amount) external updateReward(msg.sender) {
        totalStaked += amount;
        // ok: HS-LOGIC-005
        balances[msg.sender] += amount;
    }

    function withdraw(uint256 amount) external updateReward(msg.sender) {
        totalStaked -= amount;
        // ok: HS-LOGIC-005
        balances[msg.sender] -= amount;
    }

    function emergencyWithdraw() external {
        totalStaked -= balances[msg.sender];
        // expect: HS-LOGIC-005
        balances[msg.sender] = 0;
    }

    function transferStake(address to, uint256 amount) external updateReward(msg.sender) {
        // ok: HS-LOGIC-005
        balances[msg.sender] -= amount;
        // Not seen: the modifier updates the sender only, but its argument is not compared with `to`.
        balances[to] += amount;
    }
}

contract Gauge {
    mapping(address => uint256) public deposits;
    uint256 public index;

    function _checkpoint(address user) internal {
        index += deposits[user];
    }

    function deposit(uint256 amount) external {
        _checkpoint(msg.sender);
        // ok: HS-LOGIC-005
        deposits[msg.sender] += amount;
    }

    function depositFor(address user, uint256 amount) external {
        // expect: HS-LOGIC-005
        deposits[user] += amount;
    }
}

contract Indexed {
    mapping(address => uint256) public shares;
    uint256 public globalIndex;

    modifier accrueIndex() {
        globalIndex += 1;
        _;
    }

    function join(uint256 amount) external accrueIndex {
        // ok: HS-LOGIC-005
        shares[msg.sender] += amount;
    }

    function leave(uint256 amount) external accrueIndex() {
        // ok: HS-LOGIC-005
        shares[msg.sender] -= amount;
    }

    function grant(address to, uint256 amount) external {
        // expect: HS-LOGIC-005
        shares[to] += amount;
    }
}
