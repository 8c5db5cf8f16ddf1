// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory);
    function getAmountsIn(uint256 amountOut, address[] calldata path) external view returns (uint256[] memory);
    function swapExactTokensForTokens(uint256, uint256, address[] calldata, address, uint256) external returns (uint256[] memory);
}

interface IQuoter {
    function quoteExactInputSingle(address, address, uint24, uint256, uint160) external returns (uint256);
}

contract RouterPricedLending {
    IRouter public router;
    IQuoter public quoter;
    address public collateral;
    address public usd;

    function collateralValue(uint256 amount) public view returns (uint256) {
        address[] memory path = new address[](2);
        path[0] = collateral;
        path[1] = usd;
        // expect: HS-ORACLE-009
        return router.getAmountsOut(amount, path)[1];
    }

    function getPrice() external view returns (uint256) {
        address[] memory path = new address[](2);
        path[0] = usd;
        path[1] = collateral;
        // expect: HS-ORACLE-009
        uint256[] memory amounts = router.getAmountsIn(1e18, path);
        return amounts[0];
    }

    function healthFactor(uint256 amount, uint256 debt) external returns (uint256) {
        // expect: HS-ORACLE-009
        uint256 value = quoter.quoteExactInputSingle(collateral, usd, 3000, amount, 0);
        return value * 1e18 / debt;
    }

    // A swap the caller bounds with their own minimum: the quote only sizes it.
    function zap(uint256 amountIn, uint256 minOut, address[] calldata path) external {
        // ok: HS-ORACLE-009
        uint256[] memory expected = router.getAmountsOut(amountIn, path);
        require(expected[expected.length - 1] >= minOut, "slippage");
        router.swapExactTokensForTokens(amountIn, minOut, path, msg.sender, block.timestamp + 300);
    }

    // A view for the front end that previews a swap; no valuation depends on it.
    function previewSwap(uint256 amountIn, address[] calldata path) external view returns (uint256) {
        // ok: HS-ORACLE-009
        uint256[] memory amounts = router.getAmountsOut(amountIn, path);
        return amounts[amounts.length - 1];
    }

    // "generate" is no rate: a route helper that only sizes a swap.
    function generateRoute(uint256 amountIn, address[] calldata path) external view returns (uint256) {
        // ok: HS-ORACLE-009
        return router.getAmountsOut(amountIn, path)[1];
    }
}
