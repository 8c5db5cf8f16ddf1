// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IPair {
    function getReserves() external view returns (uint112, uint112, uint32);
    function totalSupply() external view returns (uint256);
}

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

interface IFeed {
    function price() external view returns (uint256);
}

// Lends against LP tokens, valued as (reserve0 * p0 + reserve1 * p1) / supply.
contract NaiveLpOracle {
    IPair public pair;
    IFeed public feed0;
    IFeed public feed1;
    IERC20 public tokenA;
    IERC20 public tokenB;

    function lpPrice() external view returns (uint256) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        uint256 tvl = uint256(r0) * feed0.price() + uint256(r1) * feed1.price();
        // expect: HS-ORACLE-008
        return tvl * 1e18 / pair.totalSupply();
    }

    function collateralValue(uint256 lpAmount) external view returns (uint256) {
        (uint256 r0, uint256 r1, ) = pair.getReserves();
        uint256 supply = pair.totalSupply();
        // expect: HS-ORACLE-008
        return lpAmount * (r0 * feed0.price() + r1 * feed1.price()) / supply;
    }

    // The pair's token balances are as easy to move as its reserves.
    function getPrice() external view returns (uint256) {
        uint256 value = tokenA.balanceOf(address(pair)) * feed0.price() + tokenB.balanceOf(address(pair)) * feed1.price();
        // expect: HS-ORACLE-008
        return value / pair.totalSupply();
    }

    // Fair LP pricing: the invariant and oracle prices, not the spot reserves.
    function fairLpPrice() external view returns (uint256) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        uint256 k = sqrt(uint256(r0) * uint256(r1));
        uint256 p = sqrt(feed0.price() * feed1.price());
        // ok: HS-ORACLE-008
        return 2 * k * p / pair.totalSupply();
    }

    // A user's share of the reserves when burning, not a price.
    function burnAmounts(uint256 liquidity) external view returns (uint256) {
        (uint112 r0, , ) = pair.getReserves();
        // ok: HS-ORACLE-008
        return liquidity * r0 / pair.totalSupply();
    }

    function sqrt(uint256 x) internal pure returns (uint256 y) {
        uint256 z = (x + 1) / 2;
        y = x;
        while (z < y) {
            y = z;
            z = (x / z + z) / 2;
        }
    }
}
