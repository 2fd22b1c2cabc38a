package dev.sipcredentials.dynamodb.conformance;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** Target (c): LocalStack's DynamoDB in a container, where a Docker engine answers; skipped otherwise. */
final class LocalStackTarget {
    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8");

    private LocalStackTarget() {}

    static DynamoTarget start() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            docker = false;
        }
        if (!docker) {
            return DynamoTarget.unavailable(DynamoTarget.Kind.LOCALSTACK, "no Docker engine for Testcontainers");
        }
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.DYNAMODB);
        container.start();
        return DynamoTarget.local(DynamoTarget.Kind.LOCALSTACK,
                container.getEndpointOverride(LocalStackContainer.Service.DYNAMODB), container::stop);
    }
}
