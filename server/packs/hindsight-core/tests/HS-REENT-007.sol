// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IVault {
    function getPoolTokens(bytes32 poolId) external view returns (address[] memory, uint256[] memory, uint256);
}

interface IRatePool {
    function getRate() external view returns (uint256);
    function getActualSupply() external view returns (uint256);
}

library VaultReentrancyLib {
    function ensureNotInVaultContext(IVault vault) internal view {}
}

contract BptOracle {
    IVault public vault;
    IRatePool public pool;
    bytes32 public poolId;

    function bptPrice() external view returns (uint256) {
        // expect: HS-REENT-007
        (, uint256[] memory balances, ) = vault.getPoolTokens(poolId);
        // expect: HS-REENT-007
        return balances[0] * 1e18 / pool.getActualSupply();
    }

    function rate() external view returns (uint256) {
        // expect: HS-REENT-007
        return pool.getRate();
    }

    function bptPriceChecked() external view returns (uint256) {
        VaultReentrancyLib.ensureNotInVaultContext(vault);
        // ok: HS-REENT-007
        (, uint256[] memory balances, ) = vault.getPoolTokens(poolId);
        return balances[0];
    }

    function rateChecked() external view returns (uint256) {
        VaultReentrancyLib.ensureNotInVaultContext(vault);
        // ok: HS-REENT-007
        return pool.getRate();
    }
}

contract BoundCheckOracle {
    using VaultReentrancyLib for IVault;

    IVault public vault;
    IRatePool public pool;

    function rate() external view returns (uint256) {
        vault.ensureNotInVaultContext();
        // ok: HS-REENT-007
        return pool.getRate();
    }
}
