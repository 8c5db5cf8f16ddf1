// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

// Issue 18: `try` only takes external calls. A library or internal `permit` wrapped in try does not compile.
library PermitLib {
    event Permitted(address owner, address spender, uint256 value);

    function permit(address owner, address spender, uint256 value, uint256, uint8, bytes32, bytes32) internal {
        emit Permitted(owner, spender, value);
    }
}

library BoundPermit {
    event Permitted(address token, address owner, uint256 value);

    function permit(address token, address owner, address, uint256 value, uint256, uint8, bytes32, bytes32) internal {
        emit Permitted(token, owner, value);
    }
}

contract Vault {
    using BoundPermit for address;

    function depositLib(address owner, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // fix: HS-TOKEN-008 none
        PermitLib.permit(owner, address(this), value, deadline, v, r, s);
    }

    function depositBound(address token, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // fix: HS-TOKEN-008 none
        token.permit(msg.sender, address(this), value, deadline, v, r, s);
    }

    function depositToken(address token, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // fix: HS-TOKEN-008 review
        IERC20Permit(token).permit(msg.sender, address(this), value, deadline, v, r, s);
    }
}
