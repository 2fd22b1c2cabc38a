package dev.sipcredentials.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures come from: CPU count and model, JDK. */
final class Machine {
    private Machine() {
    }

    /** The 1-minute load average: how busy the shared machine was while a section ran. */
    static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " CPUs";
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    static String describe() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(model);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the JDK line below still says what ran.
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }
}
