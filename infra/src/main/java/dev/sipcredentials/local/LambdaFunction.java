package dev.sipcredentials.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One function of the template, invoked the way the Lambda Java runtime does it: the handler class is loaded in its
 * own class loader and instantiated once (public no-arg constructor) on first use; each invocation deserialises the
 * event JSON with aws-lambda-java-serialization, calls the named method with a Context, and serialises the result
 * with the same library. Handler shapes: {@code (Event)}, {@code (Event, Context)} and the stream form
 * {@code (InputStream, OutputStream[, Context])}.
 *
 * <p>Unlike Lambda, which runs one invocation per instance at a time, concurrent requests share the one instance;
 * handlers are expected to be thread-safe (the real ones are stateless apart from their clients).
 */
final class LambdaFunction implements AutoCloseable {

    private final SamTemplate.Function definition;
    private final ClassLoader runtimeLoader;
    private volatile Initialized initialized;

    /** What Lambda's init phase produces: the handler instance and how to call it. */
    private record Initialized(
            ClassLoader loader,
            Object instance,
            Method method,
            boolean streaming,
            boolean takesContext,
            PojoSerializer<Object> input,
            Map<Class<?>, PojoSerializer<Object>> outputs) {}

    LambdaFunction(SamTemplate.Function definition) {
        this.definition = definition;
        this.runtimeLoader = LambdaFunction.class.getClassLoader();
    }

    SamTemplate.Function definition() {
        return definition;
    }

    /** Invokes the handler with the event JSON; returns the output JSON. Exceptions are the handler's own. */
    String invoke(String eventJson, Context context) throws Exception {
        Initialized init = initialize();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(init.loader());
        try {
            if (init.streaming()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                InputStream in = new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8));
                call(init, init.takesContext() ? new Object[] {in, out, context} : new Object[] {in, out});
                return out.toString(StandardCharsets.UTF_8);
            }
            Object event = init.input().fromJson(eventJson);
            Object result = call(init, init.takesContext() ? new Object[] {event, context} : new Object[] {event});
            if (result == null) {
                return "null";
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            init.outputs().computeIfAbsent(result.getClass(), type -> serializerFor(type, init.loader()))
                    .toJson(result, out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Object call(Initialized init, Object[] args) throws Exception {
        try {
            return init.method().invoke(init.instance(), args);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof Exception exception) {
                throw exception;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(thrown);
        }
    }

    /** Lambda's init phase, on first use. A failed init is retried by the next invocation, as Lambda does. */
    private Initialized initialize() throws Exception {
        Initialized current = initialized;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (initialized == null) {
                initialized = load();
            }
            return initialized;
        }
    }

    private Initialized load() throws Exception {
        ClassLoader loader = FunctionClassLoader.overApplicationClassPath(definition.logicalId(), runtimeLoader);
        Class<?> handlerClass = null;
        if (loader != null) {
            try {
                handlerClass = Class.forName(definition.handlerClass(), false, loader);
            } catch (ClassNotFoundException e) {
                ((FunctionClassLoader) loader).close();
                loader = null;
            }
        }
        if (loader == null) {
            // Unusual class path (an IDE's or a plugin's own loader): share this loader instead of isolating.
            System.out.println("[local] " + definition.logicalId()
                    + ": handler not found on java.class.path; loading it without isolation");
            loader = runtimeLoader;
        }

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            handlerClass = Class.forName(definition.handlerClass(), true, loader);
            Method method = handlerMethod(handlerClass);
            Object instance = Modifier.isStatic(method.getModifiers())
                    ? null
                    : handlerClass.getDeclaredConstructor().newInstance();
            Class<?>[] params = method.getParameterTypes();
            boolean streaming = params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class;
            boolean takesContext = params[params.length - 1] == Context.class;
            PojoSerializer<Object> input = streaming ? null : serializerFor(params[0], loader);
            return new Initialized(loader, instance, method, streaming, takesContext, input, new ConcurrentHashMap<>());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Method handlerMethod(Class<?> handlerClass) {
        return Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals(definition.handlerMethod()))
                .filter(m -> !m.isBridge() && !m.isSynthetic())
                .filter(LambdaFunction::isHandlerShape)
                // Prefer the richest signature, as the runtime does when a class overloads the handler method.
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() -> new IllegalStateException("No public handler method " + definition.handlerMethod()
                        + "(Event[, Context]) or (InputStream, OutputStream[, Context]) in " + handlerClass.getName()));
    }

    private static boolean isHandlerShape(Method m) {
        Class<?>[] p = m.getParameterTypes();
        boolean stream = p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class;
        if (stream) {
            return p.length == 2 || p.length == 3 && p[2] == Context.class;
        }
        return p.length == 1 || p.length == 2 && p[1] == Context.class;
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Class<?> type, ClassLoader loader) {
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
    }

    @Override
    public synchronized void close() throws IOException {
        if (initialized != null && initialized.loader() instanceof FunctionClassLoader isolated) {
            isolated.close();
        }
        initialized = null;
    }
}
