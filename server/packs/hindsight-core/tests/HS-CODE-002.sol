pragma solidity ^0.5.0;

contract Vault {
    mapping(address => uint256) public balance;

    function deposit(uint256 amount) public payable {
        require(msg.value == amount);
        // expect: HS-CODE-002
        balance[msg.sender] == amount;
    }

    function withdraw(uint256 amount) public {
        require(amount <= balance[msg.sender]);
        balance[msg.sender] -= amount;
        // expect: HS-CODE-002
        msg.sender.call.value(amount);
    }

    function close() public {
        // expect: HS-CODE-002
        balance[msg.sender] != 0;
    }

    function depositFixed(uint256 amount) public payable {
        // ok: HS-CODE-002
        require(msg.value == amount);
        // ok: HS-CODE-002
        balance[msg.sender] = amount;
    }

    function withdrawFixed(uint256 amount) public {
        balance[msg.sender] -= amount;
        // ok: HS-CODE-002
        (bool ok, ) = msg.sender.call.value(amount)("");
        require(ok);
    }

    function isEmpty() public view returns (bool) {
        // ok: HS-CODE-002
        return balance[msg.sender] == 0;
    }
}
