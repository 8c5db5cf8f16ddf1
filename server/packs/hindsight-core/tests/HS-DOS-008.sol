// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IHook {
    function beforeClaim(address winner, uint256 prize) external returns (bytes memory);
    function afterClaim(address winner, uint256 prize) external;
}

contract Claims {
    uint256 public constant HOOK_GAS = 150_000;
    mapping(address => IHook) public hooks;
    event HookFailed(address winner, bytes reason);
    event HookFailedMessage(address winner, string reason);

    function claim(address winner, uint256 prize) external {
        IHook hook = hooks[winner];
        // expect: HS-DOS-008
        try hook.beforeClaim{gas: HOOK_GAS}(winner, prize) returns (bytes memory data) {
            _record(data);
        } catch {}
        // expect: HS-DOS-008
        try hook.afterClaim{gas: HOOK_GAS}(winner, prize) {} catch (bytes memory reason) {
            emit HookFailed(winner, reason);
        }
    }

    function claimWithMessage(address winner, uint256 prize) external {
        // expect: HS-DOS-008
        try hooks[winner].afterClaim{gas: HOOK_GAS}(winner, prize) {} catch Error(string memory reason) {
            emit HookFailedMessage(winner, reason);
        }
    }

    function claimBoth(address winner, uint256 prize) external {
        // expect: HS-DOS-008
        try hooks[winner].afterClaim{gas: HOOK_GAS}(winner, prize) {} catch Error(string memory message) {
            emit HookFailedMessage(winner, message);
        } catch (bytes memory reason) {
            emit HookFailed(winner, reason);
        }
    }

    // Nothing of the callee's output is copied: a catch without a parameter.
    function claimQuiet(address winner, uint256 prize) external {
        // ok: HS-DOS-008
        try hooks[winner].afterClaim{gas: HOOK_GAS}(winner, prize) {} catch {}
    }

    // No gas cap: the caller does not try to bound what the callee costs.
    function claimUncapped(address winner, uint256 prize) external {
        // ok: HS-DOS-008
        try hooks[winner].afterClaim(winner, prize) {} catch (bytes memory reason) {
            emit HookFailed(winner, reason);
        }
    }

    function _record(bytes memory data) internal pure returns (uint256) {
        return data.length;
    }
}
