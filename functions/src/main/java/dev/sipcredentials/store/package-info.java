/**
 * The DynamoDB adapters: one table class per port ({@link dev.sipcredentials.store.BandwidthCredentialTable},
 * {@link dev.sipcredentials.store.OrganizationCredentialTable}, {@link dev.sipcredentials.store.IdempotencyTable},
 * {@link dev.sipcredentials.store.DynamoDbCredentialLister}), items as records with schemas built in code
 * ({@link dev.sipcredentials.store.ItemSchema}), faults classified in one place
 * ({@link dev.sipcredentials.store.StoreFaults}), the key scheme ({@link dev.sipcredentials.store.KeyScheme}, the only
 * place that knows how tenants and names become keys), and store priming with a role's own actions.
 */
package dev.sipcredentials.store;
