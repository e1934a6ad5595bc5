package org.memfabric.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.memfabric.transport.spi.RegionAccessException.Refusal;

/** The frame layouts of the class comment: sizes, offsets, byte order, and the checks of both sides. */
class TcpWireDescriptorTest {
    @Test
    void shouldLayOutFramesAsDocumented() {
        assertEquals(16, TcpWireDescriptor.HELLO_FIXED_LENGTH);
        assertEquals(24, TcpWireDescriptor.WELCOME_LENGTH);
        assertEquals(48, TcpWireDescriptor.REQUEST_HEADER_LENGTH);
        assertEquals(16, TcpWireDescriptor.RESPONSE_HEADER_LENGTH);
        assertEquals(40, TcpWireDescriptor.REQUEST_OP_END_OFFSET);
        assertEquals(12, TcpWireDescriptor.RESPONSE_PAYLOAD_LENGTH_OFFSET);
    }

    @Test
    void shouldEncodeARequestBigEndian() {
        final ByteBuffer header = TcpWireDescriptor.allocateHeader(TcpWireDescriptor.REQUEST_HEADER_LENGTH);
        TcpWireDescriptor.encodeRequest(header, TcpWireDescriptor.OPCODE_READ, true, 0x01020304, 5, 6, 7, 8, 9);
        final byte[] bytes = new byte[TcpWireDescriptor.REQUEST_HEADER_LENGTH];
        header.get(0, bytes);
        assertEquals(2, bytes[0]);
        assertEquals(1, bytes[1]);
        assertEquals(0, bytes[2]);
        assertEquals(1, bytes[4]);
        assertEquals(4, bytes[7]);
        assertEquals(5, bytes[15]);
        assertEquals(9, bytes[47]);
        assertNull(TcpWireDescriptor.checkRequestHeader(header.putInt(TcpWireDescriptor.REQUEST_LENGTH_OFFSET, 1),
            4096));
    }

    @Test
    void shouldRejectMalformedRequestHeaders() {
        final ByteBuffer header = TcpWireDescriptor.allocateHeader(TcpWireDescriptor.REQUEST_HEADER_LENGTH);
        TcpWireDescriptor.encodeRequest(header, (byte) 3, false, 16, 1, 1, 1, 0, 16);
        assertTrue(TcpWireDescriptor.checkRequestHeader(header, 4096).startsWith("request has an unknown opcode"));
        TcpWireDescriptor.encodeRequest(header, TcpWireDescriptor.OPCODE_WRITE, false, 4097, 1, 1, 1, 0, 4097);
        assertEquals("request chunk length out of range: lengthBytes=4097, maxChunkBytes=4096",
            TcpWireDescriptor.checkRequestHeader(header, 4096));
        TcpWireDescriptor.encodeRequest(header, TcpWireDescriptor.OPCODE_WRITE, false, -1, 1, 1, 1, 0, 16);
        assertEquals("request chunk length out of range: lengthBytes=4294967295, maxChunkBytes=4096",
            TcpWireDescriptor.checkRequestHeader(header, 4096));
        TcpWireDescriptor.encodeRequest(header, TcpWireDescriptor.OPCODE_WRITE, false, 16, 1, 1, 1, 100, 110);
        assertTrue(TcpWireDescriptor.checkRequestHeader(header, 4096).startsWith("request op end lies before"));
        TcpWireDescriptor.encodeRequest(header, TcpWireDescriptor.OPCODE_WRITE, false, 16, 1, 1, 1, 0, 16);
        header.putShort(TcpWireDescriptor.REQUEST_RESERVED_OFFSET, (short) 1);
        assertTrue(TcpWireDescriptor.checkRequestHeader(header, 4096).startsWith("request has unknown flags"));
    }

    @Test
    void shouldCheckHelloAndWelcome() {
        final ByteBuffer hello = TcpWireDescriptor.encodeHello("10.0.0.1:7000".getBytes(StandardCharsets.UTF_8), 3);
        assertEquals(16 + 13, hello.remaining());
        assertNull(TcpWireDescriptor.checkHelloHeader(hello));
        hello.putInt(0, 0x47455420);
        assertEquals("hello has a wrong magic: expected=0x4d465443, found=0x47455420",
            TcpWireDescriptor.checkHelloHeader(hello));

        final ByteBuffer welcome = TcpWireDescriptor.encodeWelcome(
            TcpWireDescriptor.allocateHeader(TcpWireDescriptor.WELCOME_LENGTH), TcpWireDescriptor.WELCOME_ACCEPTED, 2,
            1 << 20, 99);
        assertNull(TcpWireDescriptor.checkWelcome(welcome));
        welcome.put(TcpWireDescriptor.WELCOME_MAJOR_OFFSET, (byte) 2);
        assertEquals("tcp protocol not compatible: app=1.0, peer=2.0", TcpWireDescriptor.checkWelcome(welcome));
    }

    @Test
    void shouldMapRefusalsBothWays() {
        for (final Refusal refusal : Refusal.values()) {
            assertEquals(refusal, TcpWireDescriptor.refusalOf(TcpWireDescriptor.statusOf(refusal)));
        }
        assertNull(TcpWireDescriptor.refusalOf(TcpWireDescriptor.STATUS_SKIPPED));
        assertNull(TcpWireDescriptor.refusalOf(TcpWireDescriptor.STATUS_OK));
    }
}
