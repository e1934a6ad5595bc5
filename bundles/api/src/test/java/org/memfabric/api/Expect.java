package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Shared assertions for the API tests: invalid-argument failures name the field and the value. */
public final class Expect {
    private Expect() {
    }

    /**
     * Asserts that the call fails with {@link InvalidArgumentException} (code SM_INVALID_PARAM) whose message contains
     * every fragment, and that the message was recorded as the thread's last error.
     *
     * @param call the call
     * @param fragments texts the message must contain, e.g. {@code "rankId=-1"}
     * @return the exception
     */
    public static InvalidArgumentException invalid(final Executable call, final String... fragments) {
        LastError.set("");
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
        for (final String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                () -> "message should contain '" + fragment + "': " + e.getMessage());
        }
        assertEquals(e.getMessage(), LastError.get(), "the failure must be recorded as last error");
        return e;
    }
}
