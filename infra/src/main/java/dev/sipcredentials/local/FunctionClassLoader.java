package dev.sipcredentials.local;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each function its own copy of the application classes, as Lambda gives each function its own JVM: static
 * state (a DynamoDbClient cached in a static field, configuration read in a static initialiser) is created afresh
 * for every LocalStack and never shared between two functions or two stacks in one test JVM.
 *
 * <p>Like the Lambda Java runtime, the runtime's own API is shared rather than copied: aws-lambda-java-core
 * (Context, LambdaLogger, RequestHandler) and aws-lambda-java-serialization come from the parent application class
 * loader, so the local Context implementation and the serializers fit the handler. Everything else, the events
 * library included, is loaded child-only from the same class path.
 */
final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";
    private static final String SERIALIZATION_SHADED_PACKAGE = "com.amazonaws.lambda.thirdparty.";

    private final ClassLoader runtimeLoader;

    private FunctionClassLoader(String name, URL[] classPath, ClassLoader runtimeLoader) {
        super(name, classPath, ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = runtimeLoader;
    }

    /** A loader over this JVM's class path (java.class.path), or null when that class path is not usable. */
    static FunctionClassLoader overApplicationClassPath(String functionName, ClassLoader runtimeLoader) {
        URL[] urls = applicationClassPath();
        return urls.length == 0 ? null : new FunctionClassLoader("function-" + functionName, urls, runtimeLoader);
    }

    static boolean isProvidedByRuntime(String className) {
        return className.startsWith(RUNTIME_PACKAGE) && !className.startsWith(EVENTS_PACKAGE)
                || className.startsWith(SERIALIZATION_SHADED_PACKAGE);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isProvidedByRuntime(name)) {
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    private static URL[] applicationClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                // A jar's manifest Class-Path (surefire's booter jar uses one) is followed by URLClassLoader itself.
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                // skip entries that are not paths
            }
        }
        return urls.toArray(URL[]::new);
    }
}
