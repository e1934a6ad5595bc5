package org.memfabric.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class running in a child JVM started with this JVM's {@code java} and class path, and the lines it
 * prints. Threading: one daemon pump thread per child reads the child's standard output (with its standard error
 * when {@linkplain Launch#stderrMerged() merged}), keeps every line and echoes it to {@code System.out} when
 * {@linkplain Launch#echoedWithPrefix(String) asked}; {@link #lines()} and {@link #saw(String)} may be called from
 * any thread while it does; one test thread calls {@link #readLine()}, and starts, waits for, kills and closes the
 * child.
 *
 * <p>{@link #start(Class, String...)} is the short form for a child that prints a few lines to be read in order
 * ({@link #readLine()}); {@link #launch(Class)} sets the child's JVM flags, stderr and echo for children that run
 * on their own while the test polls {@link #saw(String)}.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final String echoPrefix;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Lines not yet taken by {@link #readLine()}; an empty element marks the end of the output. */
    private final BlockingQueue<Optional<String>> unread = new LinkedBlockingQueue<>();
    private volatile IOException outputFailure;

    private ChildJvm(final Process process, final String echoPrefix, final String threadName) {
        this.process = process;
        this.echoPrefix = echoPrefix;
        final Thread pump = new Thread(this::pump, threadName);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code mainClass} in a child JVM with {@code -Xmx128m --enable-native-access=ALL-UNNAMED}, its stderr
     * going to this JVM's stderr, and its output not echoed.
     *
     * @param mainClass the class whose {@code main} the child runs
     * @param args the arguments of {@code main}
     * @return the running child
     * @throws IOException when the child cannot be started
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args) throws IOException {
        return launch(mainClass).jvmFlags("-Xmx128m", "--enable-native-access=ALL-UNNAMED").start(args);
    }

    /**
     * A launch of {@code mainClass} to set up: by default no JVM flags, stderr going to this JVM's stderr, and the
     * output not echoed.
     *
     * @param mainClass the class whose {@code main} the child runs
     * @return the launch, not started yet
     */
    public static Launch launch(final Class<?> mainClass) {
        return new Launch(mainClass);
    }

    /**
     * The next line the child printed that this method has not returned yet, waiting for it.
     *
     * @return the line
     * @throws IOException when the output could not be read; {@link InterruptedIOException} when interrupted
     * @throws AssertionError when the child's output ended first
     */
    public String readLine() throws IOException {
        final Optional<String> next;
        try {
            next = unread.take();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a line of the child JVM");
        }
        if (next.isPresent()) {
            return next.get();
        }
        unread.add(next); // the end stays the end for the next caller
        if (outputFailure != null) {
            throw new IOException("output of the child JVM lost", outputFailure);
        }
        throw new AssertionError("child JVM ended without output: exitValue=" + exitValueOrRunning());
    }

    /**
     * Every line the child printed so far, in order; when its output could not be read, the last one is
     * {@code "output lost: <exception>"}.
     *
     * @return a snapshot of the lines
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Whether a line the child printed so far contains {@code text}.
     *
     * @param text the text to look for
     * @return true when a line contains it
     */
    public boolean saw(final String text) {
        for (final String line : lines) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The child process, to wait for it, kill it, read its exit value or close its stdin.
     *
     * @return the process
     */
    public Process process() {
        return process;
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeoutMs how long to wait
     * @return the exit value
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when the child did not exit within {@code timeoutMs}
     */
    public int awaitExit(final long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not exit within timeoutMs=" + timeoutMs);
        }
        return process.exitValue();
    }

    /**
     * The child's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Kills the child forcibly and waits up to 30 s for it to end.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Kills the child forcibly when it still runs and waits up to 30 s for it to end. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Lower-case hex of {@code bytes}, two digits a byte, to pass bytes to a child as an argument or line.
     *
     * @param bytes the bytes
     * @return the hex text
     */
    public static String hex(final byte[] bytes) {
        final StringBuilder text = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    /**
     * The bytes of hex text written by {@link #hex(byte[])}.
     *
     * @param text the hex text, two digits a byte
     * @return the bytes
     */
    public static byte[] unhex(final String text) {
        final byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (echoPrefix != null) {
                    System.out.println(echoPrefix + line);
                }
                unread.add(Optional.of(line));
            }
        } catch (final IOException e) {
            outputFailure = e;
            lines.add("output lost: " + e);
        } finally {
            unread.add(Optional.empty());
        }
    }

    private String exitValueOrRunning() {
        return process.isAlive() ? "running" : Integer.toString(process.exitValue());
    }

    /**
     * How to start one child JVM. Threading: set up and started by one thread.
     */
    public static final class Launch {
        private final Class<?> mainClass;
        private final List<String> jvmFlags = new ArrayList<>();
        private boolean stderrMerged;
        private String echoPrefix;

        private Launch(final Class<?> mainClass) {
            this.mainClass = mainClass;
        }

        /**
         * Adds flags of the child JVM, written before {@code -cp}.
         *
         * @param flags the flags, such as {@code -Xmx128m}
         * @return this launch
         */
        public Launch jvmFlags(final String... flags) {
            jvmFlags.addAll(List.of(flags));
            return this;
        }

        /**
         * Merges the child's stderr into its output lines instead of sending it to this JVM's stderr.
         *
         * @return this launch
         */
        public Launch stderrMerged() {
            stderrMerged = true;
            return this;
        }

        /**
         * Echoes every output line of the child to {@code System.out} behind {@code prefix}, such as
         * {@code "[rank 1] "}.
         *
         * @param prefix the text in front of each echoed line
         * @return this launch
         */
        public Launch echoedWithPrefix(final String prefix) {
            echoPrefix = prefix;
            return this;
        }

        /**
         * Starts the child: {@code java <flags> -cp <this class path> <main class> <args>}.
         *
         * @param args the arguments of {@code main}
         * @return the running child
         * @throws IOException when the child cannot be started
         */
        public ChildJvm start(final String... args) throws IOException {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            command.addAll(List.of(args));
            final ProcessBuilder builder = new ProcessBuilder(command);
            if (stderrMerged) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            final Process process = builder.start();
            return new ChildJvm(process, echoPrefix, "child-jvm-output-" + process.pid());
        }
    }
}
