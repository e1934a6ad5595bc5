package org.memfabric.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;

/** {@code memfabric version}: the product version and the version of the framework on the class path. */
final class VersionCommand implements Command {

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the MemFabric and Felix versions";
    }

    @Override
    public int run(CommandContext context, List<String> args) throws Exception {
        UsageException.requireNoArguments(name(), args);
        context.out().println("MemFabric for Java " + ProductVersion.product());
        context.out().println("Felix framework " + frameworkVersion());
        context.out().println("Java " + RuntimeInfo.java());
        return 0;
    }

    /** The framework is created but never initialised, so nothing is written to its storage directory. */
    private static String frameworkVersion() throws Exception {
        Path unused = Files.createTempDirectory("memfabric-version-");
        try {
            return EmbeddedFramework.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, unused.toString()))
                    .getVersion().toString();
        } finally {
            StorageDirs.deleteTree(unused);
        }
    }
}
