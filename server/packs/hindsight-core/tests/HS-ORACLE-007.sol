// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IUniswapV2Pair {
    function getReserves() external view returns (uint112, uint112, uint32);
}

contract SpotOracle {
    IUniswapV2Pair public pair;

    function getPrice() external view returns (uint256) {
        // expect: HS-ORACLE-007
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        return uint256(r1) * 1e18 / r0;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        // expect: HS-ORACLE-007
        (uint256 r0, uint256 r1, ) = pair.getReserves();
        return amount * r1 / r0;
    }

    // Amount-out maths for a swap the user bounds with amountOutMin.
    function getAmountOut(uint256 amountIn) external view returns (uint256) {
        // ok: HS-ORACLE-007
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        return amountIn * 997 * r1 / (uint256(r0) * 1000 + amountIn * 997);
    }

    function sync() external view returns (uint112 r0) {
        // ok: HS-ORACLE-007
        (r0, , ) = pair.getReserves();
    }
}
