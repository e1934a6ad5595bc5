package org.memfabric.launcher;

import java.util.List;

/** {@code memfabric help}: the usage text. */
final class HelpCommand implements Command {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "print this help";
    }

    @Override
    public int run(CommandContext context, List<String> args) {
        context.out().print(context.table().usage());
        return 0;
    }
}
