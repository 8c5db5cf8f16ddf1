// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function swapExactTokensForTokens(uint256, uint256, address[] calldata, address, uint256) external returns (uint256[] memory);
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
    function exactInputSingle(ExactInputSingleParams calldata) external returns (uint256);
}

contract Harvester {
    IRouter public router;
    ISwapRouter public v3;
    address public reward;
    address public want;

    function harvest(uint256 amount, address[] calldata path) external {
        // expect: HS-SLIP-001
        router.swapExactTokensForTokens(amount, 0, path, address(this), block.timestamp + 60);
    }

    function harvestV3(uint256 amount, uint256 deadline) external {
        v3.exactInputSingle(
            // expect: HS-SLIP-001
            ISwapRouter.ExactInputSingleParams({
                tokenIn: reward,
                tokenOut: want,
                fee: 3000,
                recipient: address(this),
                deadline: deadline,
                amountIn: amount,
                amountOutMinimum: 0,
                sqrtPriceLimitX96: 0
            })
        );
    }

    function harvestSafe(uint256 amount, uint256 minOut, address[] calldata path, uint256 deadline) external {
        // ok: HS-SLIP-001
        router.swapExactTokensForTokens(amount, minOut, path, address(this), deadline);
    }

    function harvestV3Safe(uint256 amount, uint256 minOut, uint256 deadline) external {
        v3.exactInputSingle(
            // ok: HS-SLIP-001
            ISwapRouter.ExactInputSingleParams({
                tokenIn: reward,
                tokenOut: want,
                fee: 3000,
                recipient: address(this),
                deadline: deadline,
                amountIn: amount,
                amountOutMinimum: minOut,
                sqrtPriceLimitX96: 0
            })
        );
    }

    function harvestLocal(uint256 amount, address[] calldata path, uint256 deadline) external {
        uint256 amountOutMin = 0;
        // expect: HS-SLIP-001
        router.swapExactTokensForTokens(amount, amountOutMin, path, address(this), deadline);
    }

    function harvestComputed(uint256 amount, address[] calldata path, uint256 deadline, uint256 quote) external {
        uint256 amountOutMin = 0;
        amountOutMin = quote * 99 / 100;
        // ok: HS-SLIP-001
        router.swapExactTokensForTokens(amount, amountOutMin, path, address(this), deadline);
    }
}
