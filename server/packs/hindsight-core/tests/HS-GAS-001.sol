// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Relayer {
    uint256 public constant OVERHEAD = 21000;
    uint256 public maxGasPrice = 100 gwei;

    function refund(uint256 gasUsed) external {
        // expect: HS-GAS-001
        uint256 fee = (gasUsed + OVERHEAD) * tx.gasprice;
        payable(msg.sender).transfer(fee);
    }

    function quote(uint256 gasUsed) public view returns (uint256) {
        // expect: HS-GAS-001
        uint256 price = tx.gasprice;
        return gasUsed * price;
    }

    function quoteDirect(uint256 gasUsed) public view returns (uint256) {
        // expect: HS-GAS-001
        return gasUsed * tx.gasprice;
    }

    function refundCapped(uint256 gasUsed) external {
        require(tx.gasprice <= maxGasPrice, "gas price too high");
        // ok: HS-GAS-001
        uint256 fee = gasUsed * tx.gasprice;
        payable(msg.sender).transfer(fee);
    }

    function tooExpensive() external view returns (bool) {
        // ok: HS-GAS-001
        return tx.gasprice > maxGasPrice;
    }
}
