package org.memfabric.tools.transbench;

/**
 * The passive side of {@code bench trans}: publishes its engine id and registered region, then answers the
 * sender's steps (see {@link ControlChannel}) until told to end. Touches its region only between steps, never while
 * the sender measures. Used by one thread.
 */
final class TransReceiver {
    private final String uniqueId;
    private final BenchRegion region;
    private final ControlChannel channel;

    TransReceiver(final String uniqueId, final BenchRegion region, final ControlChannel channel) {
        this.uniqueId = uniqueId;
        this.region = region;
        this.channel = channel;
    }

    /**
     * Serves the sender until it sends {@code end}.
     *
     * @return the number of steps served
     */
    int serve() {
        channel.publishReceiver(new ControlChannel.ReceiverInfo(uniqueId, region.address(), region.sizeBytes()));
        for (int step = 1;; step++) {
            final ControlChannel.Command command = channel.awaitCommand(step);
            if (command.kind == ControlChannel.Command.Kind.END) {
                return step - 1;
            }
            if (command.bytes < 1 || command.bytes > region.sizeBytes()) {
                channel.fail(step, "step outside the registered region: bytes=" + command.bytes + ", registered="
                    + region.sizeBytes());
                continue;
            }
            if (command.kind == ControlChannel.Command.Kind.READ) {
                BlockPattern.fill(region.buffer(), command.bytes, command.seed);
            }
            channel.ack(step, BlockPattern.crc32c(region.buffer(), command.bytes));
        }
    }
}
