/**
 * The domain: SIP credential values of accounts and organizations, tenants, batch semantics
 * ({@link dev.sipcredentials.provisioning.AccountBatchCreator}), the one time policy
 * ({@link dev.sipcredentials.provisioning.TimeBudget}) and the ports, one per table class
 * ({@link dev.sipcredentials.provisioning.AccountCredentials},
 * {@link dev.sipcredentials.provisioning.OrganizationCredentials}, {@link dev.sipcredentials.provisioning.CredentialLister}). No HTTP, no key scheme.
 */
package dev.sipcredentials.provisioning;
