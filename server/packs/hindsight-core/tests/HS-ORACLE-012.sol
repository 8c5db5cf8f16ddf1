// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory);
    function swapExactTokensForTokens(uint256, uint256, address[] calldata, address, uint256) external returns (uint256[] memory);
}

interface IQuoter {
    function quoteExactInputSingle(address, address, uint24, uint256, uint160) external returns (uint256);
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

interface ICurve {
    function get_dy(int128, int128, uint256) external view returns (uint256);
    function exchange(int128, int128, uint256, uint256) external returns (uint256);
}

contract Harvester {
    IRouter public router;
    IQuoter public quoter;
    ISwapRouter public v3;
    ICurve public curve;
    address public reward;
    address public want;

    function harvest(uint256 amount, address[] calldata path) external {
        uint256[] memory amounts = router.getAmountsOut(amount, path);
        uint256 minOut = amounts[amounts.length - 1] * 97 / 100;
        // expect: HS-ORACLE-012
        router.swapExactTokensForTokens(amount, minOut, path, address(this), block.timestamp);
    }

    function harvestV3(uint256 amount) external {
        uint256 quoted = quoter.quoteExactInputSingle(reward, want, 3000, amount, 0);
        v3.exactInputSingle(
            ISwapRouter.ExactInputSingleParams({
                tokenIn: reward,
                tokenOut: want,
                fee: 3000,
                recipient: address(this),
                deadline: block.timestamp,
                amountIn: amount,
                // expect: HS-ORACLE-012
                amountOutMinimum: quoted * 99 / 100,
                sqrtPriceLimitX96: 0
            })
        );
    }

    function rebalance(uint256 dx) external {
        // expect: HS-ORACLE-012
        curve.exchange(0, 1, dx, curve.get_dy(0, 1, dx) * 99 / 100);
    }

    // The caller signs the minimum off-chain.
    function harvestWithMin(uint256 amount, uint256 minOut, address[] calldata path) external {
        // ok: HS-ORACLE-012
        router.swapExactTokensForTokens(amount, minOut, path, address(this), block.timestamp);
    }

    // A quote checked against the caller's own minimum before swapping with it.
    function zap(uint256 amount, uint256 minOut, address[] calldata path) external {
        uint256[] memory amounts = router.getAmountsOut(amount, path);
        require(amounts[amounts.length - 1] >= minOut, "slippage");
        // ok: HS-ORACLE-012
        router.swapExactTokensForTokens(amount, minOut, path, address(this), block.timestamp);
    }
}
