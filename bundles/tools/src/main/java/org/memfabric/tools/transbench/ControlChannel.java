package org.memfabric.tools.transbench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.OperationTimeoutException;
import org.memfabric.api.store.ConfigStore;

/**
 * How the sender and the receiver of {@code bench trans} agree on each step, through keys of the config store
 * under a run-unique prefix (the data itself only ever moves through the TRANS engines):
 *
 * <pre>
 *   receiver                                   sender
 *     set  "receiver" = "ID ADDRESS BYTES"  --&gt;  get "receiver"
 *     get  "cmd/K"                          &lt;--  set "cmd/K" = "write BYTES"        (after the measured writes)
 *     set  "ack/K" = CRC of its first BYTES --&gt;  compare with the CRC of its own first BYTES
 *     get  "cmd/K"                          &lt;--  set "cmd/K" = "read BYTES SEED"    (before the measured reads)
 *     fill its first BYTES from SEED,
 *     set  "ack/K" = their CRC              --&gt;  measured reads, then compare with its own CRC
 *     get  "cmd/K"                          &lt;--  set "cmd/K" = "end"
 * </pre>
 *
 * A side that fails sets {@code "ack/K" = "error MESSAGE"}. K counts from 1. Used by one thread per side.
 */
final class ControlChannel {
    static final String RECEIVER_KEY = "receiver";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ConfigStore store;
    private final Duration timeout;
    private final BooleanSupplier peerAlive;

    /**
     * Creates the channel.
     *
     * @param store the store, already scoped to the run's prefix
     * @param timeout how long to wait for the peer at any one step
     * @param peerAlive false once the peer is known to be gone (waits then fail at once)
     */
    ControlChannel(final ConfigStore store, final Duration timeout, final BooleanSupplier peerAlive) {
        this.store = store;
        this.timeout = timeout;
        this.peerAlive = peerAlive;
    }

    /** What the receiver tells the sender about itself. */
    static final class ReceiverInfo {
        final String uniqueId;
        final long address;
        final long bytes;

        ReceiverInfo(final String uniqueId, final long address, final long bytes) {
            this.uniqueId = uniqueId;
            this.address = address;
            this.bytes = bytes;
        }

        String encode() {
            return uniqueId + " " + Long.toUnsignedString(address) + " " + bytes;
        }

        static ReceiverInfo decode(final String text) {
            final String[] p = text.split(" ", -1);
            if (p.length != 3) {
                throw new MemFabricException(ErrorCode.SM_INVALID_PARAM, "bench trans: bad receiver record: value="
                    + text);
            }
            try {
                return new ReceiverInfo(p[0], Long.parseUnsignedLong(p[1]), Long.parseLong(p[2]));
            } catch (final NumberFormatException e) {
                throw new MemFabricException(ErrorCode.SM_INVALID_PARAM, "bench trans: bad receiver record: value="
                    + text);
            }
        }
    }

    /** One step the sender asks of the receiver. */
    static final class Command {
        enum Kind {
            WRITE, READ, END
        }

        final Kind kind;
        final long bytes;
        final long seed;

        Command(final Kind kind, final long bytes, final long seed) {
            this.kind = kind;
            this.bytes = bytes;
            this.seed = seed;
        }

        String encode() {
            switch (kind) {
                case WRITE:
                    return "write " + bytes;
                case READ:
                    return "read " + bytes + " " + seed;
                default:
                    return "end";
            }
        }

        static Command decode(final String text) {
            final String[] p = text.split(" ", -1);
            try {
                if (p.length == 1 && p[0].equals("end")) {
                    return new Command(Kind.END, 0, 0);
                }
                if (p.length == 2 && p[0].equals("write")) {
                    return new Command(Kind.WRITE, Long.parseLong(p[1]), 0);
                }
                if (p.length == 3 && p[0].equals("read")) {
                    return new Command(Kind.READ, Long.parseLong(p[1]), Long.parseLong(p[2]));
                }
            } catch (final NumberFormatException e) {
                // falls through to the error below
            }
            throw new MemFabricException(ErrorCode.SM_INVALID_PARAM, "bench trans: bad command: value=" + text);
        }
    }

    void publishReceiver(final ReceiverInfo info) {
        store.set(RECEIVER_KEY, bytes(info.encode()));
    }

    /**
     * Tells the sender that the receiver could not set itself up.
     *
     * @param message what failed
     */
    void failReceiver(final String message) {
        store.set(RECEIVER_KEY, bytes("error " + message));
    }

    ReceiverInfo awaitReceiver() {
        final String text = await(RECEIVER_KEY);
        if (text.startsWith("error ")) {
            throw new MemFabricException(ErrorCode.SM_ERROR, "bench trans: the receiver could not start: "
                + text.substring("error ".length()));
        }
        return ReceiverInfo.decode(text);
    }

    void send(final int step, final Command command) {
        store.set("cmd/" + step, bytes(command.encode()));
    }

    Command awaitCommand(final int step) {
        return Command.decode(await("cmd/" + step));
    }

    void ack(final int step, final long crc) {
        store.set("ack/" + step, bytes(Long.toString(crc)));
    }

    void fail(final int step, final String message) {
        store.set("ack/" + step, bytes("error " + message));
    }

    /**
     * Waits for the receiver's answer to a step.
     *
     * @param step the step
     * @return the CRC it sent
     * @throws MemFabricException when it reported an error, went away or did not answer in time
     */
    long awaitAck(final int step) {
        final String text = await("ack/" + step);
        if (text.startsWith("error ")) {
            throw new MemFabricException(ErrorCode.SM_ERROR, "bench trans: the receiver failed at step "
                + step + ": " + text.substring("error ".length()));
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new MemFabricException(ErrorCode.SM_INVALID_PARAM, "bench trans: bad ack: value=" + text);
        }
    }

    private String await(final String key) {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0) {
                throw new OperationTimeoutException("bench trans: the peer did not answer: key=" + key
                    + ", timeoutS=" + timeout.toSeconds());
            }
            if (!peerAlive.getAsBoolean()) {
                throw new MemFabricException(ErrorCode.SM_ERROR, "bench trans: the peer process ended "
                    + "before answering: key=" + key);
            }
            try {
                return new String(store.get(key, Duration.ofNanos(Math.min(leftNs, POLL.toNanos()))),
                    StandardCharsets.UTF_8).trim();
            } catch (final MemFabricException e) {
                if (e.errorCode() != ErrorCode.STORE_TIMEOUT && e.errorCode() != ErrorCode.SM_TIMEOUT) {
                    throw e;
                }
            }
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
