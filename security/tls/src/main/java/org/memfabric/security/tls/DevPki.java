package org.memfabric.security.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.memfabric.api.LastError;
import org.memfabric.api.Validate;

/**
 * A development PKI, generated with Bouncy Castle, for tests and for {@code memfabric tls dev-pki}. Instances are
 * immutable and thread-safe; {@link #generate(Path, Spec)} may run on any thread (it generates keys in parallel on
 * the common fork-join pool). It writes a CA
 * ({@code ca.pem}), a server and a client identity ({@code server.pem}/{@code server.key},
 * {@code client.pem}/{@code client.key}), and on request a second, unrelated "rogue" CA with its own client identity
 * ({@code rogue-ca.pem}, {@code rogue-client.pem}, {@code rogue-client.key}) and a CRL of the CA revoking the client
 * certificate ({@code crl.pem}). Never use it in production: the CA key is thrown away, so nothing can be added
 * later.
 *
 * <p>Both leaf certificates carry the extended key usages serverAuth and clientAuth (a fabric node is TLS server and
 * client with one identity, as in the original) and the subject alternative names {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}. Keys are PKCS#8 PEM, encrypted with PBES2 (PBKDF2-HMAC-SHA256,
 * {@value #PBKDF2_ITERATIONS} iterations, AES-256-CBC) when the spec has a password; key files are created with mode
 * 0600 where the file system is POSIX. {@link #generate(Path, Spec)} refuses to overwrite existing files.
 */
public final class DevPki {
    /** The key algorithm of every generated key. */
    public enum KeyType {
        /** RSA with {@link Spec#rsaBits()} bits, certificates signed SHA256withRSA. */
        RSA,
        /** EC on P-256, certificates signed SHA256withECDSA; much faster to generate. */
        EC
    }

    /** PBKDF2 iterations of encrypted keys. */
    public static final int PBKDF2_ITERATIONS = 100_000;

    /** File names, in the order they are written. */
    static final String CA = "ca.pem";
    static final String SERVER_CERT = "server.pem";
    static final String SERVER_KEY = "server.key";
    static final String CLIENT_CERT = "client.pem";
    static final String CLIENT_KEY = "client.key";
    static final String CRL = "crl.pem";
    static final String ROGUE_CA = "rogue-ca.pem";
    static final String ROGUE_CLIENT_CERT = "rogue-client.pem";
    static final String ROGUE_CLIENT_KEY = "rogue-client.key";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What to generate. Mutable builder; not thread-safe. Defaults: RSA 3072 bits, valid from 5 minutes ago (to
     * tolerate clock skew) for 30 days, unencrypted keys, no rogue CA, no CRL.
     */
    public static final class Spec {
        private KeyType keyType = KeyType.RSA;
        private int rsaBits = 3072;
        private Duration validity = Duration.ofDays(30);
        private Duration notBeforeOffset = Duration.ofMinutes(-5);
        private char[] keyPassword;
        private boolean rogueCa;
        private boolean crl;

        /** Creates a spec with the defaults. */
        public Spec() {
        }

        /**
         * The key algorithm.
         *
         * @return the type
         */
        public KeyType keyType() {
            return keyType;
        }

        /**
         * Sets the key algorithm.
         *
         * @param value RSA (default) or EC
         * @return this
         */
        public Spec keyType(final KeyType value) {
            this.keyType = Validate.notNull("keyType", value);
            return this;
        }

        /**
         * The RSA modulus length.
         *
         * @return bits
         */
        public int rsaBits() {
            return rsaBits;
        }

        /**
         * Sets the RSA modulus length; values under 3072 make certificates that {@link TlsEndpoint} refuses.
         *
         * @param value 1024..8192 bits
         * @return this
         */
        public Spec rsaBits(final int value) {
            this.rsaBits = Validate.inRange("rsaBits", value, 1024, 8192);
            return this;
        }

        /**
         * How long every certificate (and the CRL) is valid from its start.
         *
         * @return the validity
         */
        public Duration validity() {
            return validity;
        }

        /**
         * Sets the validity.
         *
         * @param value 1 second .. 100 years
         * @return this
         */
        public Spec validity(final Duration value) {
            this.validity = Validate.duration("validity", value, Duration.ofSeconds(1), Duration.ofDays(36_500));
            return this;
        }

        /**
         * Offset of the start of validity from the time of generation.
         *
         * @return the offset
         */
        public Duration notBeforeOffset() {
            return notBeforeOffset;
        }

        /**
         * Sets the start of validity relative to now: {@code -31 days} with a 30-day validity gives expired
         * certificates, {@code +1 day} not-yet-valid ones.
         *
         * @param value the offset, negative for the past
         * @return this
         */
        public Spec notBeforeOffset(final Duration value) {
            this.notBeforeOffset = Validate.notNull("notBeforeOffset", value);
            return this;
        }

        /**
         * Encrypts the private keys with this password.
         *
         * @param value a non-empty password (copied), or null for unencrypted keys
         * @return this
         */
        public Spec keyPassword(final char[] value) {
            Validate.isTrue(value == null || value.length > 0, "keyPassword must not be empty: keyPasswordChars=0");
            if (keyPassword != null) {
                Arrays.fill(keyPassword, '\0');
            }
            this.keyPassword = value == null ? null : value.clone();
            return this;
        }

        /**
         * Whether the rogue CA and its client identity are generated.
         *
         * @return true when generated
         */
        public boolean rogueCa() {
            return rogueCa;
        }

        /**
         * Generates the rogue CA and its client identity.
         *
         * @param value true to generate
         * @return this
         */
        public Spec rogueCa(final boolean value) {
            this.rogueCa = value;
            return this;
        }

        /**
         * Whether the CRL revoking the client certificate is generated.
         *
         * @return true when generated
         */
        public boolean crl() {
            return crl;
        }

        /**
         * Generates {@code crl.pem}, signed by the CA, revoking the client certificate.
         *
         * @param value true to generate
         * @return this
         */
        public Spec crl(final boolean value) {
            this.crl = value;
            return this;
        }
    }

    private final Path dir;
    private final byte[] keyPassword;
    private final Instant notBefore;
    private final Instant notAfter;
    private final boolean rogue;
    private final boolean withCrl;

    private DevPki(final Path dir, final byte[] keyPassword, final Instant notBefore, final Instant notAfter,
        final boolean rogue, final boolean withCrl) {
        this.dir = dir;
        this.keyPassword = keyPassword;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.rogue = rogue;
        this.withCrl = withCrl;
    }

    /**
     * Generates the PKI into {@code dir} (created when missing).
     *
     * @param dir the directory
     * @param spec what to generate
     * @return the generated PKI
     * @throws IOException when a file cannot be written
     * @throws TlsConfigException when a file already exists or generation fails (recorded as last error)
     */
    public static DevPki generate(final Path dir, final Spec spec) throws IOException {
        Validate.notNull("dir", dir);
        Validate.notNull("spec", spec);
        try {
            return new Generator(dir, spec).run();
        } catch (final TlsConfigException e) {
            throw LastError.record(e);
        } catch (final GeneralSecurityException | OperatorException e) {
            throw LastError.record(new TlsConfigException("dev pki generation failed: dir=" + dir + ", keyType="
                + spec.keyType + ", cause=" + e, e));
        }
    }

    /** One generation run; holds the spec's values and the shared start/end instants. */
    private static final class Generator {
        private final Path dir;
        private final Spec spec;
        private final Instant start;
        private final Instant end;
        private final List<Path> targets = new ArrayList<>();

        Generator(final Path dir, final Spec spec) {
            this.dir = dir;
            this.spec = spec;
            this.start = Instant.now().plus(spec.notBeforeOffset);
            this.end = start.plus(spec.validity);
            for (final String name : List.of(CA, SERVER_CERT, SERVER_KEY, CLIENT_CERT, CLIENT_KEY)) {
                targets.add(dir.resolve(name));
            }
            if (spec.crl) {
                targets.add(dir.resolve(CRL));
            }
            if (spec.rogueCa) {
                for (final String name : List.of(ROGUE_CA, ROGUE_CLIENT_CERT, ROGUE_CLIENT_KEY)) {
                    targets.add(dir.resolve(name));
                }
            }
        }

        DevPki run() throws IOException, GeneralSecurityException, OperatorException {
            for (final Path target : targets) {
                if (Files.exists(target)) {
                    throw new TlsConfigException("dev pki refuses to overwrite an existing file: file=" + target);
                }
            }
            Files.createDirectories(dir);
            final List<KeyPair> keys = generateKeyPairs(spec.rogueCa ? 5 : 3);
            final X509Certificate ca = caCertificate("CN=MemFabric Dev CA", keys.get(0));
            final X509Certificate server = leafCertificate("CN=memfabric-server", keys.get(1).getPublic(), ca,
                keys.get(0).getPrivate());
            final X509Certificate client = leafCertificate("CN=memfabric-client", keys.get(2).getPublic(), ca,
                keys.get(0).getPrivate());
            write(CA, pem(ca), false);
            write(SERVER_CERT, pem(server), false);
            write(SERVER_KEY, keyPem(keys.get(1).getPrivate()), true);
            write(CLIENT_CERT, pem(client), false);
            write(CLIENT_KEY, keyPem(keys.get(2).getPrivate()), true);
            if (spec.crl) {
                write(CRL, pem(crl(ca, keys.get(0).getPrivate(), client)), false);
            }
            if (spec.rogueCa) {
                final X509Certificate rogueCa = caCertificate("CN=MemFabric Rogue CA", keys.get(3));
                final X509Certificate rogueClient = leafCertificate("CN=memfabric-rogue-client",
                    keys.get(4).getPublic(), rogueCa, keys.get(3).getPrivate());
                write(ROGUE_CA, pem(rogueCa), false);
                write(ROGUE_CLIENT_CERT, pem(rogueClient), false);
                write(ROGUE_CLIENT_KEY, keyPem(keys.get(4).getPrivate()), true);
            }
            return new DevPki(dir, passwordBytes(spec.keyPassword), start, end, spec.rogueCa, spec.crl);
        }

        private List<KeyPair> generateKeyPairs(final int count) throws GeneralSecurityException {
            // RSA 3072 takes up to a second per key: generate them in parallel.
            final List<Object> results = IntStream.range(0, count).parallel().mapToObj(i -> {
                try {
                    return (Object) newKeyPair();
                } catch (final GeneralSecurityException e) {
                    return e;
                }
            }).toList();
            final List<KeyPair> pairs = new ArrayList<>();
            for (final Object result : results) {
                if (result instanceof GeneralSecurityException) {
                    throw (GeneralSecurityException) result;
                }
                pairs.add((KeyPair) result);
            }
            return pairs;
        }

        private KeyPair newKeyPair() throws GeneralSecurityException {
            if (spec.keyType == KeyType.EC) {
                final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                return generator.generateKeyPair();
            }
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(spec.rsaBits, RANDOM);
            return generator.generateKeyPair();
        }

        private String signatureAlgorithm() {
            return spec.keyType == KeyType.EC ? "SHA256withECDSA" : "SHA256withRSA";
        }

        private ContentSigner signer(final PrivateKey key) throws OperatorException {
            return new JcaContentSignerBuilder(signatureAlgorithm()).setProvider(BouncyCastle.PROVIDER).build(key);
        }

        private X509Certificate caCertificate(final String subject, final KeyPair keys)
            throws GeneralSecurityException, IOException, OperatorException {
            final X500Name name = new X500Name(subject);
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(start), Date.from(end), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys.getPrivate())));
        }

        private X509Certificate leafCertificate(final String subject, final PublicKey key, final X509Certificate ca,
            final PrivateKey caKey)
            throws GeneralSecurityException, IOException, OperatorException {
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            final int usage = spec.keyType == KeyType.RSA
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(start),
                Date.from(end), new X500Name(subject), key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                .addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                        KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKey)));
        }

        private X509CRL crl(final X509Certificate ca, final PrivateKey caKey, final X509Certificate revoked)
            throws GeneralSecurityException, IOException, OperatorException {
            final X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca, Date.from(start))
                .setNextUpdate(Date.from(end))
                .addCRLEntry(revoked.getSerialNumber(), Date.from(start), CRLReason.keyCompromise)
                .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE))
                .addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(caKey)));
        }

        private String keyPem(final PrivateKey key) throws IOException, OperatorException {
            OutputEncryptor encryptor = null;
            if (spec.keyPassword != null) {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(PBKDF2_ITERATIONS).setRandom(RANDOM)
                    .setProvider(BouncyCastle.PROVIDER).setPassword(spec.keyPassword).build();
            }
            return pem(new JcaPKCS8Generator(key, encryptor));
        }

        private void write(final String name, final String pem, final boolean secret) throws IOException {
            final Path file = dir.resolve(name);
            final byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
            try {
                if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
                } else {
                    Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
                }
            } catch (final FileAlreadyExistsException e) {
                throw new TlsConfigException("dev pki refuses to overwrite an existing file: file=" + file, e);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static String pem(final Object object) throws IOException {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static byte[] passwordBytes(final char[] password) {
        if (password == null) {
            return new byte[0];
        }
        final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        final byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /**
     * The directory.
     *
     * @return the directory the files were written to
     */
    public Path dir() {
        return dir;
    }

    /**
     * The CA certificate.
     *
     * @return {@code ca.pem}
     */
    public Path caCertFile() {
        return dir.resolve(CA);
    }

    /**
     * The server certificate (usable as a client too).
     *
     * @return {@code server.pem}
     */
    public Path serverCertFile() {
        return dir.resolve(SERVER_CERT);
    }

    /**
     * The server private key.
     *
     * @return {@code server.key}
     */
    public Path serverKeyFile() {
        return dir.resolve(SERVER_KEY);
    }

    /**
     * The client certificate (the one the CRL revokes).
     *
     * @return {@code client.pem}
     */
    public Path clientCertFile() {
        return dir.resolve(CLIENT_CERT);
    }

    /**
     * The client private key.
     *
     * @return {@code client.key}
     */
    public Path clientKeyFile() {
        return dir.resolve(CLIENT_KEY);
    }

    /**
     * The CRL revoking the client certificate, when generated.
     *
     * @return {@code crl.pem}, if {@link Spec#crl(boolean)} was set
     */
    public Optional<Path> crlFile() {
        return withCrl ? Optional.of(dir.resolve(CRL)) : Optional.empty();
    }

    /**
     * The rogue CA certificate, when generated.
     *
     * @return {@code rogue-ca.pem}, if {@link Spec#rogueCa(boolean)} was set
     */
    public Optional<Path> rogueCaCertFile() {
        return rogue ? Optional.of(dir.resolve(ROGUE_CA)) : Optional.empty();
    }

    /**
     * The rogue client certificate, when generated.
     *
     * @return {@code rogue-client.pem}, if {@link Spec#rogueCa(boolean)} was set
     */
    public Optional<Path> rogueClientCertFile() {
        return rogue ? Optional.of(dir.resolve(ROGUE_CLIENT_CERT)) : Optional.empty();
    }

    /**
     * The rogue client private key, when generated.
     *
     * @return {@code rogue-client.key}, if {@link Spec#rogueCa(boolean)} was set
     */
    public Optional<Path> rogueClientKeyFile() {
        return rogue ? Optional.of(dir.resolve(ROGUE_CLIENT_KEY)) : Optional.empty();
    }

    /**
     * The key password as UTF-8 bytes.
     *
     * @return a copy; empty when the keys are not encrypted
     */
    public byte[] keyPassword() {
        return keyPassword.clone();
    }

    /**
     * Start of validity of every certificate and of the CRL.
     *
     * @return the instant
     */
    public Instant notBefore() {
        return notBefore;
    }

    /**
     * End of validity of every certificate and next update of the CRL.
     *
     * @return the instant
     */
    public Instant notAfter() {
        return notAfter;
    }
}
