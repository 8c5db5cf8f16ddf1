// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract Escrow {
    error TransferFailed();
    error NoCode();

    mapping(address => mapping(address => uint256)) public deposits;

    function deposit(address token, uint256 amount) external {
        _pull(token, msg.sender, amount);
        deposits[msg.sender][token] += amount;
    }

    function withdraw(address token, uint256 amount) external {
        deposits[msg.sender][token] -= amount;
        _push(token, msg.sender, amount);
    }

    function _pull(address token, address from, uint256 amount) internal {
        // expect: HS-CALL-008
        (bool ok, bytes memory data) = token.call(abi.encodeWithSelector(IERC20.transferFrom.selector, from, address(this), amount));
        require(ok && (data.length == 0 || abi.decode(data, (bool))), "transferFrom failed");
    }

    function _push(address token, address to, uint256 amount) internal {
        // expect: HS-CALL-008
        (bool success, bytes memory ret) = token.call(abi.encodeWithSelector(IERC20.transfer.selector, to, amount));
        if (!success || (ret.length != 0 && !abi.decode(ret, (bool)))) revert TransferFailed();
    }
}

contract CheckedEscrow {
    error TransferFailed();
    error NoCode();

    function _pull(address token, address from, uint256 amount) internal {
        require(token.code.length > 0, "not a token");
        // ok: HS-CALL-008
        (bool ok, bytes memory data) = token.call(abi.encodeWithSelector(IERC20.transferFrom.selector, from, address(this), amount));
        require(ok && (data.length == 0 || abi.decode(data, (bool))), "transferFrom failed");
    }

    function _push(address token, address to, uint256 amount) internal {
        (bool success, bytes memory ret) = token.call(abi.encodeWithSelector(IERC20.transfer.selector, to, amount));
        // ok: HS-CALL-008
        if (!success || (ret.length == 0 ? token.code.length == 0 : !abi.decode(ret, (bool)))) revert TransferFailed();
    }

    // Returned data required: a call to an address without code returns none and fails the check.
    function _strict(address token, address to, uint256 amount) internal {
        // ok: HS-CALL-008
        (bool ok, bytes memory data) = token.call(abi.encodeWithSelector(IERC20.transfer.selector, to, amount));
        require(ok && data.length == 32 && abi.decode(data, (bool)), "transfer failed");
    }
}
