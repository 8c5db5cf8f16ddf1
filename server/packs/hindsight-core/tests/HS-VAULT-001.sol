// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

contract BalanceVault {
    IERC20 public asset;
    uint256 public totalSupply;
    uint256 public totalManaged;

    function balance() public view returns (uint256) {
        return asset.balanceOf(address(this));
    }

    function getPricePerFullShare() external view returns (uint256) {
        // expect: HS-VAULT-001
        return balance() * 1e18 / totalSupply;
    }

    function exchangeRate() external view returns (uint256) {
        uint256 held = asset.balanceOf(address(this));
        // expect: HS-VAULT-001
        return held * 1e18 / totalSupply;
    }

    // Assets accounted in storage: a donation does not move it.
    function pricePerShare() external view returns (uint256) {
        // ok: HS-VAULT-001
        return totalManaged * 1e18 / totalSupply;
    }

    // Not a price getter: the redemption maths of the vault itself.
    function previewRedeem(uint256 shares) external view returns (uint256) {
        // ok: HS-VAULT-001
        return shares * asset.balanceOf(address(this)) / totalSupply;
    }
}

contract EtherShares {
    uint256 public totalShares;

    function sharePrice() external view returns (uint256) {
        // expect: HS-VAULT-001
        return address(this).balance * 1e18 / totalShares;
    }
}

// A Compound-style market: cash is the live token balance, so a donation moves the exchange rate (Hundred Finance).
contract CashMarket {
    IERC20 public underlying;
    uint256 public totalBorrows;
    uint256 public totalReserves;
    uint256 internal _totalSupply;

    function getCashPrior() internal view returns (uint256) {
        return underlying.balanceOf(address(this));
    }

    function exchangeRateStored() public view returns (uint256) {
        uint256 cashPlusBorrowsMinusReserves = getCashPrior() + totalBorrows - totalReserves;
        // expect: HS-VAULT-001
        return cashPlusBorrowsMinusReserves * 1e18 / _totalSupply;
    }
}
