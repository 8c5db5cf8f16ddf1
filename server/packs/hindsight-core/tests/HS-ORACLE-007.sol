// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IUniswapV2Pair {
    function getReserves() external view returns (uint112, uint112, uint32);
}

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

contract SpotOracle {
    IUniswapV2Pair public pair;

    function getPrice() external view returns (uint256) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        // expect: HS-ORACLE-007
        return uint256(r1) * 1e18 / r0;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        (uint256 r0, uint256 r1, ) = pair.getReserves();
        // expect: HS-ORACLE-007
        return amount * r1 / r0;
    }

    // Amount-out maths for a swap the user bounds with amountOutMin.
    function getAmountOut(uint256 amountIn) external view returns (uint256) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        // ok: HS-ORACLE-007
        return amountIn * 997 * r1 / (uint256(r0) * 1000 + amountIn * 997);
    }

    function sync() external view returns (uint112 r0) {
        // ok: HS-ORACLE-007
        (r0, , ) = pair.getReserves();
    }
}

// A pool that prices one token in the other from its own balances: a flash loan or a donation moves it.
contract BalancePool {
    IERC20 public tokenA;
    IERC20 public tokenB;
    uint256 public reserveA;
    uint256 public reserveB;

    function getPrice() public view returns (uint256) {
        uint256 a = tokenA.balanceOf(address(this));
        uint256 b = tokenB.balanceOf(address(this));
        // expect: HS-ORACLE-007
        return (b * 1e18) / a;
    }

    // Tracked reserves and a share of a balance are no spot price of one token in the other.
    function getRate(uint256 shares, uint256 supply) public view returns (uint256) {
        // ok: HS-ORACLE-007
        return shares * tokenA.balanceOf(address(this)) / supply;
    }

    function trackedPrice() public view returns (uint256) {
        // ok: HS-ORACLE-007
        return reserveB * 1e18 / reserveA;
    }
}
