// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IUniswapV3Pool {
    function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool);
}

contract LpOracle {
    IUniswapV3Pool public pool;

    function getPrice() external view returns (uint256) {
        // expect: HS-ORACLE-006
        (uint160 sqrtPriceX96, , , , , , ) = pool.slot0();
        return uint256(sqrtPriceX96) * uint256(sqrtPriceX96) >> 192;
    }

    function collateralValue(uint256 amount) public view returns (uint256) {
        // expect: HS-ORACLE-006
        (uint160 sqrtPriceX96, , , , , , ) = IUniswapV3Pool(pool).slot0();
        return amount * (uint256(sqrtPriceX96) * uint256(sqrtPriceX96) >> 192);
    }

    // Spot price only sizes a deposit that the caller's own minimums protect.
    function addLiquidity(uint256 amount0, uint256 amount1, uint256 amount0Min, uint256 amount1Min) external view returns (uint160) {
        amount0; amount1; amount0Min; amount1Min;
        // ok: HS-ORACLE-006
        (uint160 sqrtPriceX96, , , , , , ) = pool.slot0();
        return sqrtPriceX96;
    }

    function currentTick() external view returns (int24 tick) {
        // ok: HS-ORACLE-006
        (, tick, , , , , ) = pool.slot0();
    }
}
