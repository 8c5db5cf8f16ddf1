// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

library SafeERC20Legacy {
    function safeApprove(IERC20, address, uint256) internal {}
    function forceApprove(IERC20, address, uint256) internal {}
}

contract Strategy {
    using SafeERC20Legacy for IERC20;

    IERC20 public want;
    address public router;

    function invest(uint256 amount) external {
        // expect: HS-TOKEN-004
        want.forceApprove(router, amount);
    }

    function investMax() external {
        // expect: HS-TOKEN-004
        want.forceApprove(router, type(uint256).max);
    }

    function reset() external {
        // ok: HS-TOKEN-004
        want.safeApprove(router, 0);
    }

    function investForce(uint256 amount) external {
        // ok: HS-TOKEN-004
        want.forceApprove(router, amount);
    }
}
