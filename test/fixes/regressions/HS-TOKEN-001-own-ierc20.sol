// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// The file's own IERC20 is not OpenZeppelin's: `using SafeERC20 for IERC20` would not attach to it.
interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
}

contract Faucet {
    IERC20 public token;

    function drip(address to) external {
        // fix: HS-TOKEN-001 none
        token.transfer(to, 1e18);
    }
}
