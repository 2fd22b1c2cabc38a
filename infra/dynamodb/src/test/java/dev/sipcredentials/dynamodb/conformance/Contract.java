package dev.sipcredentials.dynamodb.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One contract case, run once against every DynamoDB endpoint {@link Targets} knows (the embedded engine, moto,
 * LocalStack, a real DynamoDB). The method takes one {@link DynamoTarget} parameter; a target that cannot be reached
 * here is skipped with its reason, never failed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(Targets.class)
public @interface Contract {}
