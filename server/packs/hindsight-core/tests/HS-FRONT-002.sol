// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Token {
    mapping(address => mapping(address => uint256)) public allowance;

    event Approval(address indexed owner, address indexed spender, uint256 value);

    function approve(address spender, uint256 value) public returns (bool) {
        require(spender != address(0));
        // expect: HS-FRONT-002
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function increaseAllowance(address spender, uint256 added) public returns (bool) {
        // ok: HS-FRONT-002
        allowance[msg.sender][spender] = allowance[msg.sender][spender] + added;
        return true;
    }
}

contract SafeToken {
    mapping(address => mapping(address => uint256)) internal allowed;

    function approve(address spender, uint256 value) public returns (bool) {
        require(value == 0 || allowed[msg.sender][spender] == 0, "reset to zero first");
        // ok: HS-FRONT-002
        allowed[msg.sender][spender] = value;
        return true;
    }
}

// Pre-0.5 spelling.
contract LegacyToken {
    mapping (address => mapping (address => uint256)) allowed;

    function approve(address _spender, uint256 _value) returns (bool success) {
        // expect: HS-FRONT-002
        allowed[msg.sender][_spender] = _value;
        return true;
    }
}
