package org.memfabric.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output and error of one tool run, captured as text. Used by one test thread. */
public final class Captured {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    /** The stream handed to the tool as standard output. */
    public final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    /** The stream handed to the tool as standard error. */
    public final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /**
     * What the tool printed on standard output.
     *
     * @return the text
     */
    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * What the tool printed on standard error.
     *
     * @return the text
     */
    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Both streams, for assertion messages.
     *
     * @return the text
     */
    public String describe() {
        return "--- out\n" + out() + "--- err\n" + err();
    }
}
