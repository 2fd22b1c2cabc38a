package dev.sipcredentials.config;

import java.util.Optional;

/**
 * Reads configuration once per name. On Lambda the values are environment variables set by template.yaml;
 * the local stack runs every handler inside one JVM and cannot set environment variables, so a system
 * property of the same name takes precedence.
 */
public final class Settings {
    private Settings() {
    }

    public static Optional<String> optional(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("missing setting " + name));
    }

    public static int integer(String name, int defaultValue) {
        return optional(name).map(Integer::parseInt).orElse(defaultValue);
    }
}
