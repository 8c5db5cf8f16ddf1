// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function swapExactTokensForTokens(uint256, uint256, address[] calldata, address, uint256) external returns (uint256[] memory);
    function removeLiquidity(address, address, uint256, uint256, uint256, address, uint256) external returns (uint256, uint256);
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

contract Zapper {
    IRouter public router;
    ISwapRouter public v3;
    address public a;
    address public b;

    function zap(uint256 amount, uint256 minOut, address[] calldata path, uint256 deadline) external {
        // expect: HS-SLIP-002
        router.swapExactTokensForTokens(amount, minOut, path, msg.sender, deadline);
    }

    function zapV3(uint256 amount, uint256 minOut, uint256 deadline) external {
        v3.exactInputSingle(
            // expect: HS-SLIP-002
            ISwapRouter.ExactInputSingleParams({
                tokenIn: a,
                tokenOut: b,
                fee: 500,
                recipient: msg.sender,
                deadline: deadline,
                amountIn: amount,
                amountOutMinimum: minOut,
                sqrtPriceLimitX96: 0
            })
        );
    }

    function zapSafe(uint256 amount, uint256 minOut, address[] calldata path, uint256 deadline) external {
        // ok: HS-SLIP-002
        router.swapExactTokensForTokens(amount, minOut, path, msg.sender, deadline);
    }

    function zapLater(uint256 amount, uint256 minOut, address[] calldata path) external {
        uint256 deadline = block.timestamp + 15 minutes;
        // expect: HS-SLIP-002
        router.swapExactTokensForTokens(amount, minOut, path, msg.sender, deadline);
    }

    function zapForever(uint256 amount, uint256 minOut, address[] calldata path, uint256 deadline) external {
        // expect: HS-SLIP-002
        router.swapExactTokensForTokens(amount, minOut, path, msg.sender, deadline);
    }

    function emitAt(uint256 id) external {
        // ok: HS-SLIP-002
        emit Recorded(id, block.timestamp);
    }

    event Recorded(uint256 id, uint256 at);
}
