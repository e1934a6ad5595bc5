package org.memfabric.api.bm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class CopyParamsTest {
    @Test
    void shouldKeepTheFieldsOfAValidCopyRequest() {
        final CopyRequest r = new CopyRequest(0x1000, 0x2000_0000_0000L, 4096);
        assertEquals(0x1000, r.source());
        assertEquals(0x2000_0000_0000L, r.destination());
        assertEquals(4096, r.size());
        assertTrue(r.toString().contains("src=0x1000"), r.toString());
        assertTrue(r.toString().contains("dest=0x200000000000"), r.toString());
    }

    @Test
    void shouldRejectACopyRequestWithANullAddressOrNoBytes() {
        Expect.invalid(() -> new CopyRequest(0, 0x2000, 1), "src=0");
        Expect.invalid(() -> new CopyRequest(0x1000, 0, 1), "dest=0");
        Expect.invalid(() -> new CopyRequest(0x1000, 0x2000, 0), "size=0");
        Expect.invalid(() -> new CopyRequest(0x1000, 0x2000, -5), "size=-5");
    }

    @Test
    void shouldAcceptAddressesInTheUpperHalfOfTheAddressSpace() {
        assertEquals(0x8000_0000_0000_0000L, new CopyRequest(0x8000_0000_0000_0000L, 1, 1).source());
    }

    @Test
    void shouldKeepTheFieldsAndExtentsOfValid2dParams() {
        final CopyData2DParams p = new CopyData2DParams(0x1000, 256, 0x9000, 128, 100, 3);
        assertEquals(0x1000, p.src());
        assertEquals(256, p.spitch());
        assertEquals(0x9000, p.dest());
        assertEquals(128, p.dpitch());
        assertEquals(100, p.width());
        assertEquals(3, p.height());
        assertEquals(2 * 256 + 100, p.sourceExtent());
        assertEquals(2 * 128 + 100, p.destinationExtent());
        assertEquals(100, new CopyData2DParams(1, 100, 2, 100, 100, 1).sourceExtent());
    }

    @Test
    void shouldReject2dParamsWithNullAddresses() {
        Expect.invalid(() -> new CopyData2DParams(0, 10, 2, 10, 10, 1), "src=0");
        Expect.invalid(() -> new CopyData2DParams(1, 10, 0, 10, 10, 1), "dest=0");
    }

    @Test
    void shouldReject2dParamsWithoutRowsOrColumns() {
        Expect.invalid(() -> new CopyData2DParams(1, 10, 2, 10, 0, 1), "width=0");
        Expect.invalid(() -> new CopyData2DParams(1, 10, 2, 10, 10, 0), "height=0");
        Expect.invalid(() -> new CopyData2DParams(1, 10, 2, 10, 10, -1), "height=-1");
    }

    @Test
    void shouldReject2dParamsWhosePitchIsBelowTheWidth() {
        Expect.invalid(() -> new CopyData2DParams(1, 9, 2, 10, 10, 2), "spitch=9", "width=10");
        Expect.invalid(() -> new CopyData2DParams(1, 10, 2, 9, 10, 2), "dpitch=9", "width=10");
    }

    @Test
    void shouldReject2dParamsWhoseExtentOverflows() {
        Expect.invalid(() -> new CopyData2DParams(1, 1L << 40, 2, 16, 16, 1L << 24), "overflows",
            "height=" + (1L << 24));
    }
}
