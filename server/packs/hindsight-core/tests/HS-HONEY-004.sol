pragma solidity ^0.4.26;

contract Log {
    function AddMessage(address who, uint256 amount, string memory what) public {}
}

contract Bank {
    mapping(address => uint256) public balances;
    Log TransferLog;
    Log public history;

    function Bank(address log) public {
        TransferLog = Log(log);
    }

    function Deposit() public payable {
        balances[msg.sender] += msg.value;
        // ok: HS-HONEY-004
        TransferLog.AddMessage(msg.sender, msg.value, "Deposit");
    }

    function CashOut(uint256 amount) public {
        if (amount <= balances[msg.sender]) {
            if (msg.sender.call.value(amount)()) {
                balances[msg.sender] -= amount;
                // expect: HS-HONEY-004
                TransferLog.AddMessage(msg.sender, amount, "CashOut");
            }
        }
    }

    function Withdraw(uint256 amount) public {
        require(amount <= balances[msg.sender]);
        balances[msg.sender] -= amount;
        msg.sender.transfer(amount);
        // expect: HS-HONEY-004
        history.AddMessage(msg.sender, amount, "Withdraw");
    }

    function Refund(uint256 amount) public {
        require(amount <= balances[msg.sender]);
        balances[msg.sender] -= amount;
        msg.sender.transfer(amount);
        // ok: HS-HONEY-004
        emit Refunded(msg.sender, amount);
    }

    event Refunded(address who, uint256 amount);
}
