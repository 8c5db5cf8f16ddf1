// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IUniswapV3Pool {
    function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256, int256);
}

interface ISwapRouter {
    struct ExactInputSingleParams {
        address tokenIn;
        address tokenOut;
        uint24 fee;
        address recipient;
        uint256 deadline;
        uint256 amountIn;
        uint256 amountOutMinimum;
        uint160 sqrtPriceLimitX96;
    }
    function exactInputSingle(ExactInputSingleParams calldata params) external returns (uint256);
}

contract LiquidityRestorer {
    IUniswapV3Pool public pool;
    ISwapRouter public router;
    address public tokenA;
    address public tokenB;

    function restore(int256 amount) external {
        (uint160 sqrtPriceX96, , , , , , ) = pool.slot0();
        uint160 limit = sqrtPriceX96 - sqrtPriceX96 / 100;
        // expect: HS-ORACLE-013
        pool.swap(address(this), true, amount, limit, "");
    }

    function restoreViaRouter(uint256 amountIn, uint256 minOut) external {
        (uint160 sqrtPriceX96, , , , , , ) = pool.slot0();
        router.exactInputSingle(
            ISwapRouter.ExactInputSingleParams({
                tokenIn: tokenA,
                tokenOut: tokenB,
                fee: 500,
                recipient: address(this),
                deadline: block.timestamp,
                amountIn: amountIn,
                amountOutMinimum: minOut,
                // expect: HS-ORACLE-013
                sqrtPriceLimitX96: sqrtPriceX96 + sqrtPriceX96 / 50
            })
        );
    }

    // A limit the caller chose.
    function swapWithLimit(int256 amount, uint160 sqrtPriceLimitX96) external {
        // ok: HS-ORACLE-013
        pool.swap(address(this), true, amount, sqrtPriceLimitX96, "");
    }

    // No limit beyond the tick range; the caller's minimum output protects the swap.
    function swapNoLimit(uint256 amountIn, uint256 minOut) external {
        router.exactInputSingle(
            ISwapRouter.ExactInputSingleParams({
                tokenIn: tokenA,
                tokenOut: tokenB,
                fee: 500,
                recipient: address(this),
                deadline: block.timestamp,
                amountIn: amountIn,
                amountOutMinimum: minOut,
                // ok: HS-ORACLE-013
                sqrtPriceLimitX96: 0
            })
        );
    }
}
