// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract Escrow {
    uint256 public expected;
    uint256 public deposited;
    IERC20 public token;

    function release() external view returns (bool) {
        // expect: HS-DOS-003
        require(address(this).balance == expected, "not funded");
        return true;
    }

    function settle() external view returns (bool) {
        // expect: HS-DOS-003
        return token.balanceOf(address(this)) == deposited;
    }

    function releaseSafe() external view returns (bool) {
        // ok: HS-DOS-003
        require(address(this).balance >= expected, "not funded");
        return true;
    }

    function empty() external view returns (bool) {
        // ok: HS-DOS-003
        return token.balanceOf(address(this)) == 0;
    }

    function settleSafe() external view returns (bool) {
        // ok: HS-DOS-003
        return deposited == expected;
    }
}
