// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Payer {
    function pay(address to, uint256 amount) external {
        // expect: HS-CALL-001
        (bool success, ) = to.call{value: amount}("");
        require(success, "low-level call failed");
    }

    function poke(address target, bytes calldata data) external {
        // expect: HS-CALL-001
        (bool success, ) = target.call(data);
        require(success, "low-level call failed");
    }

    function payChecked(address to, uint256 amount) external {
        // ok: HS-CALL-001
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "payment failed");
    }

    function payRequired(address to, uint256 amount) external {
        // ok: HS-CALL-001
        require(payable(to).send(amount));
    }

    function read(address target) external view returns (bytes memory) {
        // ok: HS-CALL-001
        (bool ok, bytes memory out) = target.staticcall("");
        require(ok);
        return out;
    }
}
