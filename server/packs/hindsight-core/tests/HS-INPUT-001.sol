// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20Like {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract Airdrop {
    mapping(address => uint256) public credit;
    IERC20Like public token;

    error LengthMismatch();

    function credits(address[] calldata users, uint256[] calldata amounts) external {
        for (uint256 i = 0; i < users.length; i++) {
            // expect: HS-INPUT-001
            credit[users[i]] += amounts[i];
        }
    }

    function pull(address[] memory froms, uint256[] memory values) public {
        uint256 n = froms.length;
        for (uint256 k; k < n; ++k) {
            // expect: HS-INPUT-001
            token.transferFrom(froms[k], address(this), values[k]);
        }
    }

    function creditsChecked(address[] calldata users, uint256[] calldata amounts) external {
        require(users.length == amounts.length, "length");
        for (uint256 i = 0; i < users.length; i++) {
            // ok: HS-INPUT-001
            credit[users[i]] += amounts[i];
        }
    }

    function creditsReverting(address[] calldata users, uint256[] calldata amounts) external {
        if (amounts.length != users.length) revert LengthMismatch();
        for (uint256 i = 0; i < users.length; i++) {
            // ok: HS-INPUT-001
            credit[users[i]] += amounts[i];
        }
    }

    function creditsAll(address[] calldata users, uint256[] calldata amounts, uint256[] calldata extra) external {
        if (users.length != amounts.length || users.length != extra.length) revert LengthMismatch();
        for (uint256 i = 0; i < users.length; i++) {
            // ok: HS-INPUT-001
            credit[users[i]] += amounts[i] + extra[i];
        }
    }

    function same(uint256 each, address[] calldata users) external {
        for (uint256 i = 0; i < users.length; i++) {
            // ok: HS-INPUT-001
            credit[users[i]] += each;
        }
    }

    function _internalBatch(address[] memory users, uint256[] memory amounts) internal {
        for (uint256 i = 0; i < users.length; i++) {
            // ok: HS-INPUT-001
            credit[users[i]] += amounts[i];
        }
    }
}

abstract contract GovernorLike {
    function _propose(address[] memory targets, uint256[] memory values) internal virtual returns (uint256);

    function propose(address[] memory targets, uint256[] memory values) public returns (uint256 id) {
        id = _propose(targets, values);
        for (uint256 i = 0; i < targets.length; ++i) {
            // ok: HS-INPUT-001
            if (values[i] > 0) {}
        }
    }
}
