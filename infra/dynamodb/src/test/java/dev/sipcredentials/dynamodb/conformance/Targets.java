package dev.sipcredentials.dynamodb.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/**
 * Expands every {@link Contract} case into one invocation per target kind. A target is started the first time a case
 * needs it and stays up for the rest of the test JVM (one moto, one engine, one container per JVM); JUnit closes it
 * with the root context.
 *
 * <p>{@code -Dconformance.targets=engine,moto} narrows the kinds (default: all four).
 */
public final class Targets implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Targets.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(Contract.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return selectedKinds().stream().map(Targets::invocation);
    }

    static List<DynamoTarget.Kind> selectedKinds() {
        String selected = System.getProperty("conformance.targets", "").trim();
        if (selected.isEmpty()) {
            return List.of(DynamoTarget.Kind.values());
        }
        return Arrays.stream(selected.split(","))
                .map(s -> DynamoTarget.Kind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .toList();
    }

    private static TestTemplateInvocationContext invocation(DynamoTarget.Kind kind) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + kind.label() + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new Binding(kind));
            }
        };
    }

    /** Starts (once) the target of one invocation, skips the case where it is absent, and hands it to the method. */
    private static final class Binding implements BeforeEachCallback, ParameterResolver {
        private final DynamoTarget.Kind kind;

        Binding(DynamoTarget.Kind kind) {
            this.kind = kind;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            DynamoTarget target = target(context);
            if (!target.available()) {
                throw new TestAbortedException(kind.label() + " skipped: " + target.unavailableReason());
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DynamoTarget.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return target(context);
        }

        private DynamoTarget target(ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
            return store.getOrComputeIfAbsent(kind, k -> DynamoTarget.start(kind), DynamoTarget.class);
        }
    }
}
