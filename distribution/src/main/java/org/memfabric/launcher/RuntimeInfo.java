package org.memfabric.launcher;

/** The Java runtime and operating system this launcher runs on, as one-line descriptions. */
public final class RuntimeInfo {

    private RuntimeInfo() {
    }

    /** @return e.g. {@code 17.0.15+6 (Debian, OpenJDK 64-Bit Server VM) at /usr/lib/jvm/...} */
    public static String java() {
        return Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ") at " + System.getProperty("java.home");
    }

    /** @return e.g. {@code Linux 6.1.0 amd64, 2 CPUs} */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs";
    }
}
