pragma solidity ^0.8.20;

contract Ledger {
    int256 internal base = 1;
    // expect: HS-CODE-005
    uint256 private leftover;
    // ok: HS-CODE-005
    uint256 private total;
    // ok: HS-CODE-005
    uint256 public exposed;
    // ok: HS-CODE-005
    uint256[50] private __gap;

    // expect: HS-CODE-005
    function add(int256 x, int256 y) public view returns (int256 z) {
        z = x + base;
    }

    function check(int256 t) public returns (int256) {
        int256 z = 10;
        if (t > z) {
            // expect: HS-CODE-005
            int256 d = t - z;
            total += 1;
            return t - z;
        }
        // ok: HS-CODE-005
        int256 used = z * 2;
        return used;
    }

    // ok: HS-CODE-005
    function hook(address from, uint256 amount) internal virtual {}
}
