pragma solidity ^0.4.18;

contract Multiplier {
    function double() public payable {
        if (msg.value >= 1 ether) {
            // expect: HS-HONEY-002
            uint8 paid = 0;
            // expect: HS-HONEY-002
            uint8 step = 1;
            // ok: HS-HONEY-002
            var target = msg.value * 2;
            // ok: HS-HONEY-002
            uint256 counter = 0;
            while (step <= target && step > paid) {
                paid = step;
                step++;
                counter++;
            }
            msg.sender.transfer(paid);
        }
    }
}
