/**
 * DynamoDB and KMS adapters: the stores behind the domain's ports, the key scheme
 * ({@link dev.sipcredentials.store.KeyScheme}, the only place that knows how tenants and names become keys), item
 * schemas, envelope encryption of passwords, the clients' settings, and store priming with a role's own actions.
 */
package dev.sipcredentials.store;
