package org.memfabric.launcher.testbundles;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.List;

import org.memfabric.launcher.spi.ToolCommand;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test bundle that imports the tool SPI from the system bundle and registers itself as the tool
 * {@value #NAME}: prints its arguments and exits with {@value #EXIT_CODE}, or throws for the argument {@code throw}.
 */
public final class EchoToolActivator implements BundleActivator, ToolCommand {

    /** The command word. */
    public static final String NAME = "echo";
    /** The summary. */
    public static final String SUMMARY = "print the arguments (test tool)";
    /** The exit code of every successful run. */
    public static final int EXIT_CODE = 7;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(NAME_PROPERTY, NAME);
        context.registerService(ToolCommand.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return SUMMARY;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("throw")) {
            throw new IllegalStateException("echo refused: argument=throw");
        }
        out.println("echo: " + String.join(" ", args));
        return EXIT_CODE;
    }
}
