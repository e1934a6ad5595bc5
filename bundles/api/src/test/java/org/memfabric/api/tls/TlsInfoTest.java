package org.memfabric.api.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.memfabric.api.Expect;

class TlsInfoTest {
    /** The example of memfabric-behaviour.md §1.13 (SECURITYNOTE). */
    private static final String EXAMPLE = "tlsCaPath: /etc/ssl/certs/; tlsCert: /etc/ssl/certs/server.crt; "
        + "tlsCrlPath: /etc/ssl/crl/; tlsCrlFile: a.pem,b.pem; tlsCaFile: ca1.pem,ca2.pem; packagePath: /etc/lib";

    @Test
    void shouldParseTheDocumentedExample() {
        final TlsInfo info = TlsInfo.parse(EXAMPLE);
        assertEquals(Paths.get("/etc/ssl/certs"), info.caDir());
        assertEquals(Paths.get("/etc/ssl/certs/server.crt"), info.certFile());
        assertEquals(List.of(Paths.get("/etc/ssl/certs/ca1.pem"), Paths.get("/etc/ssl/certs/ca2.pem")),
            info.caFiles());
        assertEquals(Paths.get("/etc/ssl/crl"), info.crlDir());
        assertEquals(List.of(Paths.get("/etc/ssl/crl/a.pem"), Paths.get("/etc/ssl/crl/b.pem")), info.crlFiles());
        assertEquals("/etc/lib", info.packagePath());
        assertTrue(info.toString().contains("cert=/etc/ssl/certs/server.crt"), info.toString());
    }

    @Test
    void shouldTolerateWhitespaceAndATrailingSemicolonAndLeaveOptionalKeysEmpty() {
        final TlsInfo info = TlsInfo.parse("  tlsCaPath:/ca ;tlsCert :  /ca/me.crt;\ttlsCaFile: x.pem , y.pem ; ");
        assertEquals(Paths.get("/ca"), info.caDir());
        assertEquals(Paths.get("/ca/me.crt"), info.certFile());
        assertEquals(List.of(Paths.get("/ca/x.pem"), Paths.get("/ca/y.pem")), info.caFiles());
        assertNull(info.crlDir());
        assertTrue(info.crlFiles().isEmpty());
        assertEquals("", info.packagePath());
    }

    @Test
    void shouldRejectAMissingRequiredKey() {
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: /ca; tlsCert: /ca/me.crt"), "key missing", "key=tlsCaFile");
        Expect.invalid(() -> TlsInfo.parse("tlsCert: /ca/me.crt; tlsCaFile: a.pem"), "key=tlsCaPath");
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: /ca; tlsCaFile: a.pem"), "key=tlsCert");
    }

    @Test
    void shouldRejectAnUnknownKey() {
        Expect.invalid(() -> TlsInfo.parse(EXAMPLE + "; tlsKey: /k.pem"), "key unknown", "key=tlsKey");
        Expect.invalid(() -> TlsInfo.parse("tlscapath: /ca; tlsCert: /c; tlsCaFile: a"), "key=tlscapath");
    }

    @Test
    void shouldRejectARepeatedKey() {
        Expect.invalid(() -> TlsInfo.parse(EXAMPLE + "; tlsCert: /other.crt"), "repeated", "key=tlsCert");
    }

    @Test
    void shouldRejectAColonInsideAValue() {
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: C:/ca; tlsCert: /c; tlsCaFile: a"), "must not contain ':'",
            "key=tlsCaPath", "value=C:/ca");
    }

    @Test
    void shouldRejectACrlFileListWithoutACrlPath() {
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: /ca; tlsCert: /c; tlsCaFile: a; tlsCrlFile: r.pem"),
            "tlsCrlFile needs tlsCrlPath", "tlsCrlFile=r.pem");
    }

    @Test
    void shouldRejectEntriesWithoutColonOrValue() {
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath /ca; tlsCert: /c; tlsCaFile: a"), "entry=tlsCaPath /ca");
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: ; tlsCert: /c; tlsCaFile: a"), "value must not be empty",
            "key=tlsCaPath");
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: /ca; tlsCert: /c; tlsCaFile: a,,b"), "empty entry",
            "list=a,,b");
    }

    @Test
    void shouldRejectListsWhereASinglePathIsExpected() {
        Expect.invalid(() -> TlsInfo.parse("tlsCaPath: /ca; tlsCert: /a.crt,/b.crt; tlsCaFile: a"),
            "one path each", "tlsCert=/a.crt,/b.crt");
    }

    @Test
    void shouldRejectABlankString() {
        Expect.invalid(() -> TlsInfo.parse("   "), "tls_info must not be empty");
        Expect.invalid(() -> TlsInfo.parse(null), "tls_info=null");
    }
}
