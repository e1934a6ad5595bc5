package org.memfabric.tools.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.api.store.StoreUrl;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.TlsArguments;
import org.memfabric.tools.cli.UsageError;

/** The parsed command line of {@code memfabric bench store}. Immutable. */
final class BenchSettings {
    /** The parts of a run, in the order they run. */
    enum Phase {
        /** SET and GET latency with one client. */
        LATENCY,
        /** SET and GET throughput with many clients. */
        THROUGHPUT,
        /** Barrier latency of static groups. */
        BARRIER
    }

    static final String COMMAND = "bench store";
    static final String USAGE = "usage: memfabric bench store [--url tcp://HOST:PORT] [--value-size 64] [--requests 100000]\n"
        + "                             [--clients 64] [--ranks 2,8,64] [--warmup N] [--barrier-rounds N]\n"
        + "                             [--phases latency,throughput,barrier] [--driver async|threads] [--csv FILE]\n"
        + "                             [tls options]\n"
        + "  --url URL             the store to measure; without it an embedded server on 127.0.0.1 (free port)\n"
        + "  --value-size N        value size in bytes, 0..1048576 (default 64)\n"
        + "  --requests N          measured calls per operation, for latency and for throughput (default 100000)\n"
        + "  --clients N           concurrent clients of the throughput phase, each its own connection keeping one\n"
        + "                        call outstanding, closed loop (default 64)\n"
        + "  --ranks LIST          group sizes of the barrier phase, each 1..1024 (default 2,8,64)\n"
        + "  --warmup N            unmeasured calls per operation before measuring (default 10000)\n"
        + "  --barrier-rounds N    measured barriers per group size (default 500)\n"
        + "  --phases LIST         which phases to run (default latency,throughput,barrier)\n"
        + "  --driver KIND         how the throughput phase drives its clients (default async):\n"
        + "                        async    no thread per client: each call is issued by the completion of the\n"
        + "                                 client's previous one, on the store's I/O thread (like redis-benchmark)\n"
        + "                        threads  one thread per client making blocking calls\n"
        + "  --csv FILE            also write the results as CSV\n"
        + TlsArguments.USAGE;

    private static final Set<String> VALUE_OPTIONS = Arguments.union(TlsArguments.VALUE_OPTIONS, Set.of("--url", "--value-size",
        "--requests", "--clients", "--ranks", "--warmup", "--barrier-rounds", "--phases", "--driver", "--csv"));

    final Optional<StoreUrl> url;
    final int valueSizeBytes;
    final int requests;
    final int clients;
    final List<Integer> ranks;
    final int warmup;
    final int barrierRounds;
    final Set<Phase> phases;
    final ThroughputDriver.Kind driver;
    final Optional<Path> csv;
    final TlsSettings tls;

    private BenchSettings(final Arguments args) throws UsageError {
        args.requireNoMorePositionals(0);
        this.url = url(args);
        this.valueSizeBytes = args.intIn("--value-size", 64, 0, 1 << 20);
        this.requests = args.intIn("--requests", 100_000, 1, 1_000_000_000);
        this.clients = args.intIn("--clients", 64, 1, 1024);
        this.ranks = ranks(args.value("--ranks").orElse("2,8,64"));
        this.warmup = args.intIn("--warmup", 10_000, 0, 1_000_000_000);
        this.barrierRounds = args.intIn("--barrier-rounds", 500, 1, 10_000_000);
        this.phases = phases(args.value("--phases").orElse("latency,throughput,barrier"));
        this.driver = driver(args.value("--driver").orElse("async"));
        this.csv = args.path("--csv");
        this.tls = TlsArguments.settings(args);
    }

    /**
     * Parses the arguments after {@code bench store}.
     *
     * @param args the arguments
     * @return the settings
     * @throws UsageError naming the argument at fault
     */
    static BenchSettings parse(final List<String> args) throws UsageError {
        return new BenchSettings(Arguments.parse(COMMAND, args, VALUE_OPTIONS, TlsArguments.FLAG_OPTIONS));
    }

    private static Optional<StoreUrl> url(final Arguments args) throws UsageError {
        final Optional<String> text = args.value("--url");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoreUrl.parse(text.get()));
        } catch (final MemFabricException e) {
            throw new UsageError(COMMAND + ": --url is not a store url: " + e.getMessage());
        }
    }

    private static List<Integer> ranks(final String text) throws UsageError {
        final List<Integer> sizes = new ArrayList<>();
        for (final String part : text.split(",", -1)) {
            sizes.add((int) Arguments.parseLong(COMMAND, "--ranks entry", part, 1, 1024));
        }
        return List.copyOf(sizes);
    }

    private static ThroughputDriver.Kind driver(final String text) throws UsageError {
        for (final ThroughputDriver.Kind kind : ThroughputDriver.Kind.values()) {
            if (kind.label().equals(text)) {
                return kind;
            }
        }
        throw new UsageError(COMMAND + ": --driver must be async or threads: value=" + text);
    }

    private static Set<Phase> phases(final String text) throws UsageError {
        final Set<Phase> chosen = EnumSet.noneOf(Phase.class);
        for (final String part : text.split(",", -1)) {
            try {
                chosen.add(Phase.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (final IllegalArgumentException e) {
                throw new UsageError(COMMAND + ": --phases entry must be latency, throughput or barrier: value="
                    + part);
            }
        }
        return chosen;
    }
}
