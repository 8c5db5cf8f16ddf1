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

    // A contract's function called with a gas limit.
    function callHook(IHook hook) external {
        // expect: HS-CALL-007
        hook.onPaid{gas: 5000}(msg.sender);
    }

    // A read-only call starved of gas fails as soon as the callee reads cold storage.
    function peek(address oracle) external view returns (bool ok) {
        // expect: HS-CALL-007
        (ok, ) = oracle.staticcall{gas: 2500}(abi.encodeWithSignature("price()"));
    }

    // A limit from the caller's budget, not a constant.
    function relay(IHook hook) external {
        // ok: HS-CALL-007
        hook.onPaid{gas: gasleft() - 5000}(msg.sender);
    }
}

interface IHook {
    function onPaid(address from) external;
}
