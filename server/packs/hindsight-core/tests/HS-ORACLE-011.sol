// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

contract PoolBalanceOracle {
    IERC20 public tokenA;
    IERC20 public tokenB;
    address public pool;
    address public immutable PAIR;
    uint256 public reserveA;
    uint256 public reserveB;

    constructor(address pair) {
        PAIR = pair;
    }

    function price() public view returns (uint256) {
        uint256 balanceA = tokenA.balanceOf(pool);
        uint256 balanceB = tokenB.balanceOf(pool);
        // expect: HS-ORACLE-011
        return (balanceA * 1e18) / balanceB;
    }

    function getRate() external view returns (uint256) {
        // expect: HS-ORACLE-011
        return tokenB.balanceOf(address(PAIR)) * 1e18 / tokenA.balanceOf(address(PAIR));
    }

    // Tracked reserves and a user's own balances are no pool spot price.
    function trackedPrice() external view returns (uint256) {
        // ok: HS-ORACLE-011
        return reserveB * 1e18 / reserveA;
    }

    function userRatio(address user) external view returns (uint256) {
        // ok: HS-ORACLE-011
        return tokenB.balanceOf(user) * 1e18 / tokenA.balanceOf(user);
    }

    // Not a price: the share of the pool held, for a dashboard.
    function poolShare() external view returns (uint256) {
        // ok: HS-ORACLE-011
        return tokenA.balanceOf(pool) * 100 / tokenA.balanceOf(msg.sender);
    }
}
