/**
 * The test kit of every module's tests (exported as the functions test-jar): synthetic API Gateway events and Lambda
 * contexts, claims, in-memory and no-write stores, handlers over a given store. Never in the deployable jar
 * ({@code DeployableJarIT}).
 */
package dev.sipcredentials.testkit;
