package org.memfabric.security.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.memfabric.api.LastError;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsInfo;
import org.memfabric.api.tls.TlsKey;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.security.tls.TlsMaterial.Located;

/**
 * One side's mutual TLS 1.3 configuration for the config store's TCP links. Immutable and thread-safe: built once by
 * any thread with {@link #create(TlsSettings)}, then any thread may wrap sockets concurrently; the TLS handshake runs
 * on the thread that first reads, writes or calls {@link SSLSocket#startHandshake()} on a returned socket, and obeys
 * the plain socket's {@code SO_TIMEOUT} (set one before wrapping).
 *
 * <p>Used after the plaintext 16-byte handshake of the store protocol, on the same already-connected socket: as TLS
 * server ({@link #serverSide(Socket)}) or TLS client ({@link #clientSide(Socket, String, int)}). The material is read
 * and checked once: to pick up a renewed certificate or CRL, create a new endpoint (the JDK stops accepting peers
 * once a configured CRL passes its next-update time, so CRLs must be renewed and reloaded before then).
 *
 * <h2>Material</h2>
 * When the settings hold an enabled {@link TlsOption}, its files are used: {@code caFile} (trust anchors),
 * optional {@code crlFile}, {@code certFile} (this side's chain, leaf first), {@code keyFile}, and optional
 * {@code keyPasswordFile}, whose bytes are passed verbatim (no newline stripping) to the option's
 * {@link DecryptHandler}. Otherwise the {@link TlsInfo} of {@code setConfStoreTls} (every {@code tlsCaFile} as a
 * trust anchor, {@code tlsCert}, every {@code tlsCrlFile}) and the {@link TlsKey} of {@code setConfigStoreTlsKey}
 * (PEM key, encrypted password, its handler) are required. Keys may be PKCS#8, encrypted PKCS#8 (PBES2/AES) or
 * traditional OpenSSL PEM. Each source uses its own handler (the option's, or the key's);
 * {@link TlsSettings#decryptHandler()} is not consulted.
 *
 * <h2>Key password</h2>
 * The password is decrypted only when the key is encrypted. The {@code char[]} returned by the handler is zeroed
 * ({@code Arrays.fill(password, '\0')}) right after the key is decrypted, also when decryption fails; so are this
 * class's copies of the cipher text and of the PEM key. (The PEM parser and the JDK key objects hold their own
 * copies, which Java cannot wipe.)
 *
 * <h2>Checks at {@link #create(TlsSettings)}</h2>
 * Each failure is a {@link TlsConfigException} naming the file and the reason: a file missing, unreadable or not
 * PEM; this side's certificate or any CA outside its validity window; an RSA (or DSA) key under 3072 bits or an EC
 * key under 256 bits; this side's certificate revoked by a configured CRL; a CRL outside its validity window or not
 * signed by its configured CA; the private key not matching the certificate; an encrypted key without password or
 * with a wrong one.
 *
 * <h2>Peer verification</h2>
 * PKIX with the configured CAs as the only trust anchors; with CRLs configured, revocation checking for the whole
 * peer path using only those CRLs (no OCSP, no network; a peer whose issuer has no configured CRL is rejected).
 * Servers require a client certificate. There is no host name verification: as in the original, peers are
 * identified by holding a certificate of the deployment's private CA, and fabric nodes are addressed by IP
 * addresses that their certificates do not list. Only TLS 1.3 with {@code TLS_AES_128_GCM_SHA256},
 * {@code TLS_AES_256_GCM_SHA384} and {@code TLS_CHACHA20_POLY1305_SHA256} (the original's
 * {@code TLS_AES_128_CCM_SHA256} is not implemented by the JDK).
 */
public final class TlsEndpoint {
    private final SSLContext context;
    private final String[] cipherSuites;
    private final List<X509Certificate> chain;
    private final List<X509Certificate> cas;
    private final int crlCount;
    private final Instant notAfter;

    private TlsEndpoint(final SSLContext context, final String[] cipherSuites, final TlsMaterial material) {
        this.context = context;
        this.cipherSuites = cipherSuites;
        this.chain = material.chain();
        final List<X509Certificate> caList = new ArrayList<>();
        material.cas().forEach(ca -> caList.add(ca.certificate()));
        this.cas = List.copyOf(caList);
        this.crlCount = material.crls().size();
        Instant earliest = chain.get(0).getNotAfter().toInstant();
        for (final X509Certificate c : chain) {
            earliest = min(earliest, c.getNotAfter().toInstant());
        }
        for (final Located ca : material.cas()) {
            earliest = min(earliest, ca.certificate().getNotAfter().toInstant());
        }
        this.notAfter = earliest;
    }

    private static Instant min(final Instant a, final Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Loads and checks the material of the settings and builds the TLS context.
     *
     * @param settings enabled TLS settings
     * @return the endpoint
     * @throws TlsConfigException naming the missing setting, or the file and the reason it was refused (also
     *     recorded as the calling thread's last error)
     */
    public static TlsEndpoint create(final TlsSettings settings) {
        return create(settings, InstantSource.system());
    }

    static TlsEndpoint create(final TlsSettings settings, final InstantSource clock) {
        try {
            final TlsMaterial material = TlsMaterial.load(settings);
            MaterialChecks.checkAll(material, clock.instant());
            final SSLContext context = ContextFactory.build(material);
            return new TlsEndpoint(context, ContextFactory.supportedSuites(context), material);
        } catch (final TlsConfigException e) {
            throw LastError.record(e);
        }
    }

    /**
     * Wraps an accepted, connected plain socket (whose plaintext handshake was already read) as the TLS server side.
     * The handshake is not started; it runs on first I/O or {@link SSLSocket#startHandshake()}. Closing the returned
     * socket closes {@code plain}.
     *
     * <p>Read the plaintext handshake from {@code plain.getInputStream()} without a buffering stream: bytes of the
     * peer's TLS ClientHello read ahead into a buffer would be lost to the TLS layer.
     *
     * @param plain the connected socket
     * @return the TLS socket in server mode, requiring a client certificate
     * @throws IOException when the socket is not connected or cannot be wrapped
     */
    public SSLSocket serverSide(final Socket plain) throws IOException {
        requireConnected(plain);
        final SSLSocket socket = (SSLSocket) context.getSocketFactory()
            .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(parameters(true));
        return socket;
    }

    /**
     * Wraps a connected plain socket (whose plaintext handshake was already sent) as the TLS client side. The
     * handshake is not started. Closing the returned socket closes {@code plain}.
     *
     * @param plain the connected socket
     * @param peerHost the peer's host name or address (used for session resumption, not verified)
     * @param peerPort the peer's port
     * @return the TLS socket in client mode
     * @throws IOException when the socket is not connected or cannot be wrapped
     */
    public SSLSocket clientSide(final Socket plain, final String peerHost, final int peerPort) throws IOException {
        requireConnected(plain);
        final SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, peerHost, peerPort, true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters(false));
        return socket;
    }

    private SSLParameters parameters(final boolean server) {
        final SSLParameters p = new SSLParameters(cipherSuites.clone(), new String[] {ContextFactory.PROTOCOL});
        if (server) {
            p.setNeedClientAuth(true);
        }
        p.setEndpointIdentificationAlgorithm(null); // deliberately no host name verification, see class javadoc
        return p;
    }

    private static void requireConnected(final Socket plain) throws SocketException {
        if (plain == null) {
            throw new SocketException("tls needs a connected socket: socket=null");
        }
        if (plain.isClosed() || !plain.isConnected()) {
            throw new SocketException("tls needs a connected socket: socket=" + plain + ", closed="
                + plain.isClosed() + ", connected=" + plain.isConnected());
        }
    }

    /**
     * This side's (leaf) certificate.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The earliest expiry of this side's chain and of the trusted CAs: after this instant the endpoint stops working.
     *
     * @return the instant
     */
    public Instant notAfter() {
        return notAfter;
    }

    /**
     * The cipher suites offered and accepted.
     *
     * @return the suite names, in preference order
     */
    public List<String> cipherSuites() {
        return List.of(cipherSuites);
    }

    /**
     * A one-line description for logs and {@code doctor}: subject, issuer, expiry, trusted CAs, CRL count,
     * protocol and suites. Contains no secret.
     *
     * @return the description
     */
    public String describe() {
        final X509Certificate leaf = certificate();
        final List<String> caNames = new ArrayList<>();
        for (final X509Certificate ca : cas) {
            caNames.add(ca.getSubjectX500Principal().getName() + " (notAfter=" + ca.getNotAfter().toInstant() + ")");
        }
        return "tls endpoint: subject=" + leaf.getSubjectX500Principal().getName() + ", issuer="
            + leaf.getIssuerX500Principal().getName() + ", serial=" + leaf.getSerialNumber().toString(16)
            + ", notAfter=" + leaf.getNotAfter().toInstant() + ", earliestNotAfter=" + notAfter + ", cas=" + caNames
            + ", crls=" + crlCount + ", protocol=" + ContextFactory.PROTOCOL + ", cipherSuites="
            + Arrays.toString(cipherSuites);
    }

    @Override
    public String toString() {
        return describe();
    }
}
