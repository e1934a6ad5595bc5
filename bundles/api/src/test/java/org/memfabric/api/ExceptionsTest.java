package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.memfabric.api.tls.DecryptException;

class ExceptionsTest {
    @Test
    void shouldGiveEachExceptionTypeItsOriginalCode() {
        assertEquals(-2000, new InvalidArgumentException("m").code());
        assertEquals(-2003, new NotStartedException("m").code());
        assertEquals(-2004, new OperationTimeoutException("m").code());
        assertEquals(-2005, new RepeatCallException("m").code());
        assertEquals(-2006, new DuplicateObjectException("m").code());
        assertEquals(-2007, new ObjectNotFoundException("m").code());
        assertEquals(-2008, new NotInitializedException("m").code());
        assertEquals(-2009, new ResourceInUseException("m").code());
        assertEquals(-2100, new NotSupportedException("m").code());
        assertEquals(-1, new DecryptException("m", null).code());
        assertEquals(-1, new TransportException("tcp", 3, "m", null).code());
    }

    @Test
    void shouldKeepTheGivenCodeForTheInvalidArgumentAndTimeoutFamilies() {
        assertSame(ErrorCode.STORE_INVALID_KEY,
            new InvalidArgumentException(ErrorCode.STORE_INVALID_KEY, "m").errorCode());
        assertSame(ErrorCode.STORE_TIMEOUT, new OperationTimeoutException(ErrorCode.STORE_TIMEOUT, "m").errorCode());
    }

    @Test
    void shouldSayWhichIssueBringsACapabilityThatIsNotThereYet() {
        final NotSupportedException e = NotSupportedException.notYet("BigMemory.copy", "issue #4");
        assertEquals("issue #4", e.plannedIn());
        assertEquals(ErrorCode.SM_NOT_SUPPORTED, e.errorCode());
        assertTrue(e.getMessage().contains("operation=BigMemory.copy"), e.getMessage());
        assertTrue(e.getMessage().contains("plannedIn=issue #4"), e.getMessage());
        assertEquals("", new NotSupportedException("no NIC").plannedIn());
    }

    @Test
    void shouldCarryTheStoreKeyAndTheTransportPeer() {
        final IOException cause = new IOException("reset");
        final StoreException s = new StoreException(ErrorCode.STORE_IO_ERROR, "k1", "link broke: key=k1", cause);
        assertEquals(-602, s.code());
        assertEquals("k1", s.key());
        assertSame(cause, s.getCause());
        assertEquals("", new StoreException(ErrorCode.STORE_NOT_EXIST, null, "m", null).key());
        final TransportException t = new TransportException("tcp", 7, "peer gone: rank=7", null);
        assertEquals("tcp", t.transport());
        assertEquals(7, t.peerRank());
    }

    @Test
    void shouldShowCodeNumberAndCategoryInToString() {
        final String text = new ObjectNotFoundException("no such bm: id=4").toString();
        assertTrue(text.contains("SM_OBJECT_NOT_EXISTS -2007, ERROR"), text);
        assertTrue(text.endsWith("no such bm: id=4"), text);
    }

    @Test
    void shouldRejectANullCode() {
        assertThrows(NullPointerException.class, () -> new MemFabricException(null, "m"));
    }
}
