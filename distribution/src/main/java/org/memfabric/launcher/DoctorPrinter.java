package org.memfabric.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Writes a {@link DoctorReport} as the human-readable text of {@code memfabric doctor}. */
public final class DoctorPrinter {

    private DoctorPrinter() {
    }

    /**
     * @param report the findings
     * @param out    where to write
     */
    public static void print(DoctorReport report, PrintStream out) {
        out.println("MemFabric for Java " + ProductVersion.product() + " doctor");
        out.println("Java:   " + RuntimeInfo.java());
        out.println("OS:     " + RuntimeInfo.os());
        out.println("Felix:  " + report.frameworkVersion());
        out.println();
        printBundles(report, out);
        out.println();
        printTransports(report, out);
        out.println();
        printModuleServices(report, out);
        out.println();
        out.println("Services settled: " + report.settleOutcome() + " after " + report.settleMs() + " ms");
        if (report.healthy()) {
            out.println("Result: OK (" + report.bundles().size() + " bundles, all active)");
        } else {
            out.println("Result: PROBLEM (" + report.unhealthyBundles() + " of " + report.bundles().size()
                    + " bundles not active, " + report.installFailures().size() + " jars not installed)");
        }
    }

    private static void printBundles(DoctorReport report, PrintStream out) {
        out.println("Bundles (" + report.bundles().size() + "):");
        out.println(String.format("  %4s  %-11s %-40s %s", "ID", "STATE", "SYMBOLIC NAME", "VERSION"));
        for (BundleReport bundle : report.bundles()) {
            String state = bundle.fragment() ? bundle.state() + "*" : bundle.state();
            out.println(String.format("  %4d  %-11s %-40s %s", bundle.id(), state, bundle.symbolicName(),
                    bundle.version()));
            bundle.problem().ifPresent(problem -> out.println("        reason: " + problem));
        }
        out.println("  (* fragment)");
        for (Map.Entry<Path, String> failure : report.installFailures().entrySet()) {
            out.println("  NOT INSTALLED " + failure.getKey().getFileName());
            out.println("        reason: " + failure.getValue());
        }
    }

    private static void printTransports(DoctorReport report, PrintStream out) {
        out.println("Transports (" + report.transports().size() + "):");
        if (report.transports().isEmpty()) {
            out.println("  none registered (no service with objectClass=" + TransportInspector.TRANSPORT_CLASS + ")");
        }
        for (TransportReport transport : report.transports()) {
            out.println(String.format("  %-12s %-11s kinds=%s from %s", transport.name(),
                    transport.availability(), transport.kinds(), transport.provider()));
            if (transport.availability() != TransportReport.Availability.AVAILABLE) {
                out.println("        reason: " + transport.unavailableCause().orElse("no cause given"));
            }
            if (!transport.settings().isEmpty()) {
                StringBuilder line = new StringBuilder("        settings:");
                transport.settings().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                out.println(line);
            }
        }
    }

    private static void printModuleServices(DoctorReport report, PrintStream out) {
        out.println("Module services:");
        for (ModuleServiceReport service : report.moduleServices()) {
            if (service.present()) {
                out.println(String.format("  present  %-45s from %s", service.className(),
                        String.join(", ", service.providers())));
                service.details().forEach((key, value) -> out.println("           " + key + ": " + value));
            } else {
                out.println(String.format("  MISSING  %s", service.className()));
            }
        }
    }
}
