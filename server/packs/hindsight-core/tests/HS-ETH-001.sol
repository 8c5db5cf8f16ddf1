// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Payer {
    mapping(address => uint256) public owed;

    function withdraw() external {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // expect: HS-ETH-001
        payable(msg.sender).transfer(amount);
    }

    function pay(address payable to, uint256 amount) external {
        // expect: HS-ETH-001
        require(to.send(amount), "send failed");
    }

    function withdrawCall() external {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // ok: HS-ETH-001
        (bool ok, ) = payable(msg.sender).call{value: amount}("");
        require(ok, "failed");
    }

    function payToken(address token, address to, uint256 amount) external {
        // ok: HS-ETH-001
        IERC20Like(token).transfer(to, amount);
    }
}

interface IERC20Like {
    function transfer(address, uint256) external returns (bool);
}
