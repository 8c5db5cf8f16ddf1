pragma solidity ^0.8.20;

contract Burner {
    address public owner = msg.sender;

    function burnAll() external {
        require(msg.sender == owner);
        // expect: HS-EIP-004
        selfdestruct(payable(address(this)));
    }

    function burnLegacy() external {
        require(msg.sender == owner);
        // expect: HS-EIP-004
        selfdestruct(payable(this));
    }

    function close() external {
        require(msg.sender == owner);
        // ok: HS-EIP-004
        selfdestruct(payable(owner));
    }

    function burnToDead() external {
        require(msg.sender == owner);
        // ok: HS-EIP-004
        payable(address(0xdEaD)).transfer(address(this).balance);
    }
}
