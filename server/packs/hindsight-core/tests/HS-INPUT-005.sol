// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline)
        external
        returns (uint256[] memory amounts);
}

interface IPool {
    function swap(address tokenIn, uint256 amountIn) external returns (uint256 amountOut);
}

contract Zapper {
    IRouter public router;
    IPool public pool;

    // The deadline is accepted and forgotten: the swap runs whenever it is mined.
    function zap(
        address tokenIn,
        uint256 amountIn,
        // expect: HS-INPUT-005
        uint256 deadline
    ) external returns (uint256) {
        return pool.swap(tokenIn, amountIn);
    }

    // The minimum is accepted and never compared with what came out.
    function swapIn(
        address tokenIn,
        uint256 amountIn,
        // expect: HS-INPUT-005
        uint256 minAmountOut
    ) external returns (uint256 out) {
        out = pool.swap(tokenIn, amountIn);
    }

    function deposit(
        uint256 assets,
        // expect: HS-INPUT-005
        uint256 minShares,
        // expect: HS-INPUT-005
        uint256 _deadline
    ) public returns (uint256 shares) {
        shares = assets / 2;
    }

    // ok: HS-INPUT-005
    function zapChecked(address tokenIn, uint256 amountIn, uint256 deadline, uint256 amountOutMin) external returns (uint256 out) {
        require(block.timestamp <= deadline, "expired");
        out = pool.swap(tokenIn, amountIn);
        require(out >= amountOutMin, "slippage");
    }

    // Passed on to a router that checks both.
    // ok: HS-INPUT-005
    function route(uint256 amountIn, uint256 amountOutMin, address[] calldata path, uint256 deadline) external {
        router.swapExactTokensForTokens(amountIn, amountOutMin, path, msg.sender, deadline);
    }

    modifier ensure(uint256 deadline) {
        require(block.timestamp <= deadline, "expired");
        _;
    }

    // Checked by a modifier.
    // ok: HS-INPUT-005
    function swapBefore(address tokenIn, uint256 amountIn, uint256 deadline) external ensure(deadline) returns (uint256) {
        return pool.swap(tokenIn, amountIn);
    }

    // An internal helper is not what callers fill in.
    // ok: HS-INPUT-005
    function _quote(uint256 amountIn, uint256 minOut) internal pure returns (uint256) {
        return amountIn;
    }

    // Other parameters that are unused are another finding's business.
    // ok: HS-INPUT-005
    function note(uint256 amount, uint256 memo) external pure returns (uint256) {
        return amount;
    }
}
