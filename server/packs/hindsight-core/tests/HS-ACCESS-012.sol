// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
}

interface IPool {
    function flashLoanSimple(address receiver, address asset, uint256 amount, bytes calldata params, uint16 code) external;
}

interface IRouter {
    function swap(bytes calldata data) external;
}

contract LooseReceiver {
    IPool public pool;
    IRouter public router;

    // Anyone can start a loan naming this contract, and it swaps on the attacker's data.
    // expect: HS-ACCESS-012
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        router.swap(params);
        IERC20(asset).approve(address(pool), amount + premium);
        return true;
    }

    // expect: HS-ACCESS-012
    function uniswapV2Call(address sender, uint256 amount0, uint256, bytes calldata data) external {
        router.swap(data);
        IERC20(address(0)).transfer(msg.sender, amount0);
    }
}

contract CheckedReceiver {
    IPool public pool;
    IRouter public router;

    // ok: HS-ACCESS-012
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        require(msg.sender == address(pool), "lender");
        require(initiator == address(this), "initiator");
        router.swap(params);
        IERC20(asset).approve(address(pool), amount + premium);
        return true;
    }

    error NotSelf();

    // ok: HS-ACCESS-012
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data) external returns (bytes32) {
        if (initiator != address(this)) revert NotSelf();
        router.swap(data);
        IERC20(token).approve(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}

interface IFlashBorrower {
    // ok: HS-ACCESS-012
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data) external returns (bytes32);
}
