// The project of this file is tests/HS-L2-003.project: its foundry.toml names Linea and pins no EVM version.
pragma solidity ^0.8.24;

// ok: HS-L2-003
interface IRewardSource {
    function pending(address account) external view returns (uint256);
}

// ok: HS-L2-003
library RewardMath {
    function share(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps) / 10_000;
    }
}

// ok: HS-L2-003
abstract contract RewardBase {
    uint256 public totalRewards;

    function _credit(uint256 amount) internal virtual;
}

// expect: HS-L2-003
contract RewardVault is RewardBase {
    mapping(address => uint256) public credited;

    function _credit(uint256 amount) internal override {
        totalRewards += amount;
        credited[msg.sender] += amount;
    }

    function claim(uint256 amount) external {
        _credit(RewardMath.share(amount, 9_000));
    }
}

// expect: HS-L2-003
contract Distributor {
    address public immutable source;

    constructor(address source_) {
        source = source_;
    }
}
