package org.memfabric.tools.transbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the receiver of {@code bench trans}: in production {@link #process} runs {@code memfabric
 * bench-trans-rank} as its own process through the launcher script, so every byte crosses a process boundary;
 * tests may start it otherwise (the contract is the command line of {@link TransBenchRankTool}).
 */
interface ReceiverLauncher {
    /** A started receiver. Used by the thread that started it. */
    interface Receiver extends AutoCloseable {
        /**
         * Whether it still runs.
         *
         * @return false once it has ended
         */
        boolean isAlive();

        /**
         * Waits for it to end.
         *
         * @param timeoutSeconds how long
         * @return true when it ended with success in time
         * @throws InterruptedException when interrupted
         */
        boolean awaitSuccess(long timeoutSeconds) throws InterruptedException;

        /**
         * What it printed, for a failure report.
         *
         * @return the text, possibly empty
         */
        String output();

        /** Stops it if it still runs. */
        @Override
        void close();
    }

    /**
     * Starts a receiver.
     *
     * @param rankArguments the arguments of {@code bench-trans-rank} (without the command word)
     * @return the running receiver
     * @throws IOException when it cannot be started
     */
    Receiver start(List<String> rankArguments) throws IOException;

    /**
     * The production launcher: {@code LAUNCHER bench-trans-rank ARGS}, output (both streams) to a temporary file
     * that is deleted when the receiver is closed.
     *
     * @param launcher the {@code bin/memfabric} script
     * @return the launcher
     */
    static ReceiverLauncher process(final Path launcher) {
        return rankArguments -> {
            final List<String> cmd = new ArrayList<>(List.of(launcher.toString(), TransBenchRankTool.NAME));
            cmd.addAll(rankArguments);
            final Path log = Files.createTempFile("memfabric-bench-trans-rank-", ".log");
            final Process process;
            try {
                process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (final IOException e) {
                Files.deleteIfExists(log);
                throw e;
            }
            return new Receiver() {
                @Override
                public boolean isAlive() {
                    return process.isAlive();
                }

                @Override
                public boolean awaitSuccess(final long timeoutSeconds) throws InterruptedException {
                    return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && process.exitValue() == 0;
                }

                @Override
                public String output() {
                    try {
                        return Files.readString(log, StandardCharsets.UTF_8);
                    } catch (final IOException e) {
                        return "(receiver output not readable: file=" + log + ")";
                    }
                }

                @Override
                public void close() {
                    if (process.isAlive()) {
                        process.destroy();
                    }
                    try {
                        Files.deleteIfExists(log);
                    } catch (final IOException e) {
                        // a left-over temporary file is harmless
                    }
                }
            };
        };
    }
}
