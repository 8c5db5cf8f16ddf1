pragma solidity ^0.8.20;

contract KillSwitch {
    address public owner = msg.sender;
    bool public disabled;

    function kill() external {
        require(msg.sender == owner);
        // expect: HS-EIP-002
        selfdestruct(payable(owner));
    }

    function migrate(address payable next) external {
        require(msg.sender == owner);
        // expect: HS-EIP-002
        selfdestruct(next);
    }

    function withdraw() external {
        require(msg.sender == owner);
        // ok: HS-EIP-002
        payable(owner).transfer(address(this).balance);
    }

    function disable() external {
        require(msg.sender == owner);
        // ok: HS-EIP-002
        disabled = true;
        payable(owner).transfer(address(this).balance);
    }
}
