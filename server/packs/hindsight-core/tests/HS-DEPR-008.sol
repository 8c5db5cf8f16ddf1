// SPDX-License-Identifier: MIT
pragma solidity ^0.6.2;

contract Payout {
    mapping(address => uint256) public owed;
    address payable public treasury;

    function deposit(address to) external payable {
        owed[to] += msg.value;
    }

    function claim() external returns (bool) {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // expect: HS-DEPR-008
        (bool ok, ) = msg.sender.call.value(amount)("");
        return ok;
    }

    function forward(bytes calldata data) external payable returns (bytes memory) {
        // expect: HS-DEPR-008
        (bool ok, bytes memory out) = treasury.call.value(msg.value)(data);
        require(ok, "forward failed");
        return out;
    }

    function claimNew() external returns (bool) {
        uint256 amount = owed[msg.sender];
        owed[msg.sender] = 0;
        // ok: HS-DEPR-008
        (bool ok, ) = msg.sender.call{value: amount}("");
        return ok;
    }

    // A call whose value is passed as an argument is another thing: not the legacy option syntax.
    function send(address payable to) external payable returns (bool) {
        // ok: HS-DEPR-008
        return to.send(msg.value);
    }
}
