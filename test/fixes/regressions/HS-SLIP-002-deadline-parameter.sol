// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IRouter {
    function swapExactTokensForTokens(uint256, uint256, address[] calldata, address, uint256) external returns (uint256[] memory);
}

interface IZap {
    function zapAll() external;
}

// The deadline fix adds a parameter, so callers must pass it: it is offered for review only, and not where the
// parameter list is not the function's own to change (an override, a virtual function) or where the code calls
// the function itself (that call would no longer compile).
contract Zaps is IZap {
    IRouter public router;
    address[] public path;
    uint256 public amount;

    function zapAll() external override {
        // fix: HS-SLIP-002 none
        router.swapExactTokensForTokens(amount, 0, path, msg.sender, block.timestamp);
    }

    function zapNoArgs() external {
        // fix: HS-SLIP-002 review
        router.swapExactTokensForTokens(amount, 0, path, msg.sender, block.timestamp);
    }

    function zapHook(uint256 a) public virtual {
        // fix: HS-SLIP-002 none
        router.swapExactTokensForTokens(a, 0, path, msg.sender, block.timestamp);
    }

    function _zap(uint256 a) internal {
        // fix: HS-SLIP-002 none
        router.swapExactTokensForTokens(a, 0, path, msg.sender, block.timestamp);
    }

    function zapTwice(uint256 a) external {
        _zap(a);
        _zap(a);
    }
}
