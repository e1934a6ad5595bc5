package org.memfabric.launcher;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code memfabric doctor}: starts the distribution, waits for its services and reports what runs. */
final class DoctorCommand implements Command {

    /** Quiet period once all module services are registered. */
    static final long QUIET_MS = 250;
    /** Quiet period after which the wait ends although a module service is missing. */
    static final long STABLE_MS = 1_500;
    /** The longest wait for services. */
    static final long SETTLE_TIMEOUT_MS = 10_000;

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "start the runtime and report Java, bundles, transports and module services (exit 1 if unhealthy)";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        UsageException.requireNoArguments(name(), args);
        try (EmbeddedFramework framework = FrameworkSession.start(context.environment(),
                FrameworkSettings.GOSH_BACKGROUND)) {
            long startNs = System.nanoTime();
            ServiceSettler.Outcome outcome = new ServiceSettler(framework.context(),
                    ModuleServiceInspector.MODULE_SERVICES, QUIET_MS, STABLE_MS).await(SETTLE_TIMEOUT_MS);
            long settleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            DoctorReport report = DoctorReport.collect(framework, outcome, settleMs);
            DoctorPrinter.print(report, context.out());
            return report.healthy() ? 0 : 1;
        }
    }
}
