package org.memfabric.tools.example;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.memfabric.api.shm.ShmDataOpType;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.UsageError;

/** The settings of an example run, shared by the parent ({@code example}) and its ranks ({@code example-rank}). */
final class ExampleSettings {
    static final Set<String> VALUE_OPTIONS = Set.of("--ranks", "--transport", "--timeout-s", "--store", "--rank");
    static final Set<String> FLAG_OPTIONS = Set.of("--help");
    static final List<String> EXAMPLES = List.of(AllReduceExample.NAME, ShiftPutGetExample.NAME);

    final String example;
    final int ranks;
    final String transport;
    final int timeoutSeconds;

    ExampleSettings(final String example, final int ranks, final String transport, final int timeoutSeconds) {
        this.example = example;
        this.ranks = ranks;
        this.transport = transport;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Parses the example word (first positional) and the shared options. */
    static ExampleSettings parse(final String command, final Arguments a) throws UsageError {
        if (a.positionals().isEmpty()) {
            throw new UsageError(command + ": name an example: one of " + EXAMPLES);
        }
        final String example = a.positionals().get(0);
        if (!EXAMPLES.contains(example)) {
            throw new UsageError(command + ": unknown example: example=" + example + ", known=" + EXAMPLES);
        }
        a.requireNoMorePositionals(1);
        final String transport = a.value("--transport").orElse("auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "shm", "tcp").contains(transport)) {
            throw new UsageError(command + ": --transport must be auto, shm or tcp: value=" + transport);
        }
        return new ExampleSettings(example, a.intIn("--ranks", 3, 2, 64), transport,
            a.intIn("--timeout-s", 120, 5, 3600));
    }

    /** The SHM data-op types of the transport choice: shm → MTE and SDMA (same host), tcp → RDMA (network). */
    Set<ShmDataOpType> dataOpTypes() {
        switch (transport) {
            case "shm":
                return EnumSet.of(ShmDataOpType.MTE, ShmDataOpType.SDMA);
            case "tcp":
                return EnumSet.of(ShmDataOpType.RDMA);
            default:
                return EnumSet.allOf(ShmDataOpType.class);
        }
    }

    List<String> asArguments() {
        return List.of(example, "--ranks", Integer.toString(ranks), "--transport", transport, "--timeout-s",
            Integer.toString(timeoutSeconds));
    }
}
