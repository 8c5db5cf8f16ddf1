pragma solidity ^0.4.18;

contract Doubler {
    address public owner = msg.sender;

    function() public payable {}

    function play(address to) public payable {
        // expect: HS-HONEY-001
        if (msg.value >= this.balance) {
            to.transfer(this.balance + msg.value);
        }
    }

    function playModern(address to) public payable {
        // expect: HS-HONEY-001
        if (address(this).balance < msg.value) {
            to.transfer(address(this).balance);
        }
    }

    function playHonest(address to) public payable {
        // ok: HS-HONEY-001
        if (msg.value >= this.balance - msg.value) {
            to.transfer(msg.value);
        }
    }

    function deposit() public payable {
        // ok: HS-HONEY-001
        require(msg.value > 0);
    }
}
