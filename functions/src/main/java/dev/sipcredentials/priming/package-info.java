/**
 * The SnapStart hook ({@link dev.sipcredentials.priming.SnapStartPriming}): runs, before the snapshot, the priming each
 * handler registered for its own route. Depends on no handler.
 */
package dev.sipcredentials.priming;
