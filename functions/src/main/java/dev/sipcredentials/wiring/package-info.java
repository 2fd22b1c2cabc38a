/**
 * What an execution environment shares, in lazy holders, one per dependency
 * ({@link dev.sipcredentials.wiring.Wiring}): a function builds only what its route touches, during init, before the
 * SnapStart snapshot.
 */
package dev.sipcredentials.wiring;
