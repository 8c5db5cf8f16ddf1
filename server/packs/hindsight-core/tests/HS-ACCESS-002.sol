// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Killable {
    address public owner = msg.sender;

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function kill() external {
        // expect: HS-ACCESS-002
        selfdestruct(payable(msg.sender));
    }

    function close(address payable to) public {
        emit Closed(to);
        // expect: HS-ACCESS-002
        selfdestruct(to);
    }

    event Closed(address to);

    function killOwner() external onlyOwner {
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function killChecked(address payable to) external {
        require(msg.sender == owner, "only owner");
        // ok: HS-ACCESS-002
        selfdestruct(to);
    }

    function _kill(address payable to) internal {
        // ok: HS-ACCESS-002
        selfdestruct(to);
    }
}
