/**
 * The domain: SIP credential values of accounts and organizations, tenants, batch semantics
 * ({@link dev.sipcredentials.provisioning.AccountBatchCreator}), the one time policy
 * ({@link dev.sipcredentials.provisioning.TimeBudget}) and the credential store port. No HTTP, no key scheme.
 */
package dev.sipcredentials.provisioning;
