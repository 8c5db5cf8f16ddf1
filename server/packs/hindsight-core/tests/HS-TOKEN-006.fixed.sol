// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Router {
    using SafeERC20 for IERC20;

    IERC20 public token;

    function depositFor(address from, address to, uint256 amount) external {
        // expect: HS-TOKEN-006
        token.safeTransferFrom(msg.sender, to, amount);
    }

    function pull(IERC20 asset, address user, uint256 amount) public {
        // expect: HS-TOKEN-006
        require(asset.transferFrom(msg.sender, address(this), amount), "transfer");
    }

    function deposit(uint256 amount) external {
        // ok: HS-TOKEN-006
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function depositChecked(address from, uint256 amount) external {
        require(from == msg.sender, "not owner");
        // ok: HS-TOKEN-006
        token.safeTransferFrom(from, address(this), amount);
    }

    function _pull(address from, uint256 amount) internal {
        // ok: HS-TOKEN-006
        token.safeTransferFrom(from, address(this), amount);
    }
}

contract WrappedToken is ERC20Like {
    // ok: HS-TOKEN-006
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        return super.transferFrom(from, to, amount);
    }
}

abstract contract ERC20Like {
    function transferFrom(address, address, uint256) public virtual returns (bool) {
        return true;
    }
}
