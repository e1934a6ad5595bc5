package org.memfabric.tools.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.UsageError;

/** The settings of a demo run, shared by the parent ({@code demo}) and its rank processes ({@code demo-rank}). */
final class DemoSettings {
    static final Set<String> VALUE_OPTIONS = Set.of("--ranks", "--transport", "--size-mb", "--timeout-s", "--store",
        "--rank");
    static final Set<String> FLAG_OPTIONS = Set.of("--help");

    final int ranks;
    final String transport;
    final int sizeMiB;
    final int timeoutSeconds;

    DemoSettings(final int ranks, final String transport, final int sizeMiB, final int timeoutSeconds) {
        this.ranks = ranks;
        this.transport = transport;
        this.sizeMiB = sizeMiB;
        this.timeoutSeconds = timeoutSeconds;
    }

    static DemoSettings parse(final String command, final Arguments a) throws UsageError {
        final String transport = a.value("--transport").orElse("auto").toLowerCase(Locale.ROOT);
        if (!List.of("auto", "shm", "tcp").contains(transport)) {
            throw new UsageError(command + ": --transport must be auto, shm or tcp: value=" + transport);
        }
        return new DemoSettings(a.intIn("--ranks", 3, 2, 64), transport, a.intIn("--size-mb", 16, 1, 1024),
            a.intIn("--timeout-s", 120, 5, 3600));
    }

    /** The BM data-op types of the transport choice: shm → SDMA (same-host copy engine), tcp → HOST_TCP. */
    Set<BmDataOpType> dataOpTypes() {
        switch (transport) {
            case "shm":
                return EnumSet.of(BmDataOpType.SDMA);
            case "tcp":
                return EnumSet.of(BmDataOpType.HOST_TCP);
            default:
                return EnumSet.of(BmDataOpType.SDMA, BmDataOpType.HOST_TCP);
        }
    }

    List<String> asArguments() {
        return List.of("--ranks", Integer.toString(ranks), "--transport", transport, "--size-mb",
            Integer.toString(sizeMiB), "--timeout-s", Integer.toString(timeoutSeconds));
    }
}
