// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Notifier {
    uint256 public callbackGas = 200_000;

    function pay(address to, uint256 amount) external {
        // expect: HS-CALL-007
        (bool ok, ) = to.call{value: amount, gas: 2300}("");
        require(ok);
    }

    function ping(address hook) external {
        // expect: HS-CALL-007
        (bool ok, ) = hook.call{gas: 10000}(abi.encodeWithSignature("ping()"));
        ok;
    }

    function notify(address hook) external {
        // ok: HS-CALL-007
        (bool ok, ) = hook.call{gas: callbackGas}(abi.encodeWithSignature("ping()"));
        ok;
    }

    function notifyGenerous(address hook) external {
        // ok: HS-CALL-007
        (bool ok, ) = hook.call{gas: 500000}(abi.encodeWithSignature("ping()"));
        ok;
    }
}
