// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

contract PermitVault {
    IERC20Permit public token;

    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-TOKEN-008
        try token.permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        IERC20(address(token)).transferFrom(msg.sender, address(this), amount);
    }

    function depositAsset(address asset, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // expect: HS-TOKEN-008
        try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
    }

    function depositSafe(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // ok: HS-TOKEN-008
        try token.permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        IERC20(address(token)).transferFrom(msg.sender, address(this), amount);
    }

    function nonces(address owner) external view returns (uint256) {
        // ok: HS-TOKEN-008
        return token.nonces(owner);
    }
}
