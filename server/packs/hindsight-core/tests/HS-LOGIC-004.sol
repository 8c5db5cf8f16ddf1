// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract MultiAssetPool {
    address public constant NATIVE = address(0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE);
    mapping(address => mapping(address => uint256)) public deposits;

    function deposit(address token, uint256 amount) external payable {
        // expect: HS-LOGIC-004
        if (token == NATIVE) {
            deposits[msg.sender][token] += amount;
        } else {
            require(IERC20(token).transferFrom(msg.sender, address(this), amount), "pull");
            deposits[msg.sender][token] += amount;
        }
    }

    function depositZero(address token, uint256 amount) external payable {
        // expect: HS-LOGIC-004
        if (token == address(0)) {
            deposits[msg.sender][address(0)] += amount;
            return;
        }
        require(IERC20(token).transferFrom(msg.sender, address(this), amount), "pull");
        deposits[msg.sender][token] += amount;
    }

    function depositChecked(address token, uint256 amount) external payable {
        // ok: HS-LOGIC-004
        if (token == NATIVE) {
            require(msg.value == amount, "value");
            deposits[msg.sender][token] += amount;
        } else {
            require(msg.value == 0, "no value");
            require(IERC20(token).transferFrom(msg.sender, address(this), amount), "pull");
            deposits[msg.sender][token] += amount;
        }
    }

    function depositValue(address token) external payable {
        // ok: HS-LOGIC-004
        if (token == NATIVE) {
            deposits[msg.sender][token] += msg.value;
        }
    }

    function depositCheckedFirst(address token, uint256 amount) external payable {
        require(token != NATIVE || msg.value == amount, "value");
        // ok: HS-LOGIC-004
        if (token == NATIVE) {
            deposits[msg.sender][token] += amount;
        }
    }

    function depositNotPayable(address token, uint256 amount) external {
        // ok: HS-LOGIC-004
        if (token == NATIVE) {
            deposits[msg.sender][token] += amount;
        }
    }
}

abstract contract WrappedNative {
    address public constant ETH = address(0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE);

    function _mint(address to, uint256 amount) internal virtual;

    function wrap(address asset, uint256 amount) external payable {
        // expect: HS-LOGIC-004
        if (ETH == asset) {
            _mint(msg.sender, amount);
        }
    }
}

interface IERC20Pull {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

contract WethPool {
    address public weth;
    mapping(address => uint256) public credit;

    function depositWeth(address token, uint256 amount) external payable {
        // ok: HS-LOGIC-004
        if (token == weth) {
            credit[msg.sender] += amount;
        }
    }

    function depositEthOrPull(address token, uint256 amount) external payable {
        // ok: HS-LOGIC-004
        if (token == address(0)) {
            require(IERC20Pull(token).transferFrom(msg.sender, address(this), amount), "pull");
            credit[msg.sender] += amount;
        }
    }
}
