package org.memfabric.tools.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.memfabric.api.MemFabricException;
import org.memfabric.launcher.spi.ToolCommand;
import org.memfabric.security.tls.AesGcmDecryptHandler;
import org.memfabric.security.tls.DevPki;
import org.memfabric.security.tls.TlsConfigException;
import org.memfabric.tools.cli.Arguments;
import org.memfabric.tools.cli.Failures;
import org.memfabric.tools.cli.UsageError;

/**
 * {@code memfabric tls}: key material for the config store's TLS. {@code dev-pki} writes a development PKI with
 * {@link DevPki}; {@code encrypt-password} reads a key password from standard input and prints it encrypted for the
 * {@code aes-gcm} decrypt handler ({@link AesGcmDecryptHandler}), optionally writing a fresh AES key file first.
 * Runs on the calling thread. Password bytes and chars are zeroed after use; nothing secret is printed except the
 * cipher text asked for.
 */
public final class TlsTool implements ToolCommand {
    /** The command word. */
    public static final String NAME = "tls";
    /** Longest password read from standard input or a password file, in bytes. */
    static final int MAX_PASSWORD_BYTES = 4096;

    static final String USAGE = "usage: memfabric tls dev-pki --out DIR [--password-file FILE] [--days N] [--key-type rsa|ec]\n"
        + "       memfabric tls encrypt-password --key-file FILE [--new-key]\n"
        + "  dev-pki            write a development CA, server and client identity: ca.pem, server.pem, server.key,\n"
        + "                     client.pem, client.key (never for production: the CA key is thrown away)\n"
        + "    --out DIR              the directory (created; existing files are never overwritten)\n"
        + "    --password-file FILE   encrypt the private keys with the password in FILE (without one\n"
        + "                           trailing line end, as --key-password-file reads it)\n"
        + "    --days N               validity in days, 1..36500 (default 30)\n"
        + "    --key-type rsa|ec      RSA 3072 (default) or EC P-256 (much faster to generate)\n"
        + "  encrypt-password   read a key password from standard input (its first line, without the line end) and\n"
        + "                     print its AES-256-GCM\n"
        + "                     cipher text for --decrypt aes-gcm --key-password-file\n"
        + "    --key-file FILE        the 32-byte AES key, raw or base64\n"
        + "    --new-key              first write a fresh random key to FILE (refused when FILE exists)\n";

    private static final Set<String> DEV_PKI_VALUES = Set.of("--out", "--password-file", "--days", "--key-type");
    private static final Set<String> ENCRYPT_VALUES = Set.of("--key-file");

    private final InputStream stdin;

    /**
     * Creates the tool.
     *
     * @param stdin where {@code encrypt-password} reads the password
     */
    public TlsTool(final InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "TLS material: dev-pki (development certificates), encrypt-password (for --decrypt aes-gcm)";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        final String sub = args.get(0);
        final List<String> rest = args.subList(1, args.size());
        try {
            switch (sub) {
                case "dev-pki":
                    return devPki(Arguments.parse(NAME + " dev-pki", rest, DEV_PKI_VALUES, Set.of()), out);
                case "encrypt-password":
                    return encryptPassword(Arguments.parse(NAME + " encrypt-password", rest, ENCRYPT_VALUES,
                        Set.of("--new-key")), out, err);
                default:
                    throw new UsageError(NAME + ": unknown subcommand: name=" + sub
                        + ", expected=dev-pki|encrypt-password");
            }
        } catch (final UsageError e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (final MemFabricException e) {
            err.println(NAME + " " + sub + ": " + Failures.describe(e));
            return EXIT_FAILURE;
        } catch (final IOException e) {
            err.println(NAME + " " + sub + ": " + Failures.describe(e));
            return EXIT_FAILURE;
        }
    }

    private static int devPki(final Arguments args, final PrintStream out) throws UsageError, IOException {
        args.requireNoMorePositionals(0);
        final Path dir = args.path("--out").orElseThrow(() -> new UsageError(args.command()
            + ": option missing: option=--out"));
        final int days = args.intIn("--days", 30, 1, 36_500);
        final DevPki.KeyType keyType = keyType(args);
        final DevPki.Spec spec = new DevPki.Spec().keyType(keyType).validity(Duration.ofDays(days));
        final Optional<Path> passwordFile = args.path("--password-file");
        if (passwordFile.isPresent()) {
            final char[] password = readPasswordFile(passwordFile.get(), args.command());
            try {
                spec.keyPassword(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        final DevPki pki = DevPki.generate(dir, spec);
        out.println("dev pki written: dir=" + pki.dir().toAbsolutePath() + " keyType="
            + keyType.name().toLowerCase(Locale.ROOT) + " days=" + days + " encryptedKeys="
            + (passwordFile.isPresent() ? "yes" : "no"));
        for (final Path file : List.of(pki.caCertFile(), pki.serverCertFile(), pki.serverKeyFile(),
            pki.clientCertFile(), pki.clientKeyFile())) {
            out.println("  " + file.toAbsolutePath());
        }
        return EXIT_OK;
    }

    private static DevPki.KeyType keyType(final Arguments args) throws UsageError {
        final String text = args.value("--key-type").orElse("rsa");
        switch (text.toLowerCase(Locale.ROOT)) {
            case "rsa":
                return DevPki.KeyType.RSA;
            case "ec":
                return DevPki.KeyType.EC;
            default:
                throw new UsageError(args.command() + ": --key-type must be rsa or ec: value=" + text);
        }
    }

    private int encryptPassword(final Arguments args, final PrintStream out, final PrintStream err)
        throws UsageError, IOException {
        args.requireNoMorePositionals(0);
        final Path keyFile = args.path("--key-file").orElseThrow(() -> new UsageError(args.command()
            + ": option missing: option=--key-file"));
        final char[] password = readPassword(stdin, "stdin", args.command());
        byte[] key = new byte[0];
        try {
            if (args.has("--new-key")) {
                writeNewKey(keyFile);
                err.println("new key written: file=" + keyFile.toAbsolutePath() + " (keep it readable by the "
                    + "service user only)");
            }
            key = AesKeyFile.read(keyFile);
            final byte[] cipherText = AesGcmDecryptHandler.encrypt(key, password);
            checkRoundTrip(keyFile, cipherText, password);
            out.println(new String(cipherText, StandardCharsets.US_ASCII));
            return EXIT_OK;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(password, '\0');
        }
    }

    /** Decrypts with the handler the store will use, so a key file it would read differently is caught now. */
    private static void checkRoundTrip(final Path keyFile, final byte[] cipherText, final char[] password) {
        final char[] back = new AesGcmDecryptHandler(keyFile).decrypt(cipherText);
        try {
            if (!Arrays.equals(back, password)) {
                throw new IllegalStateException("aes-gcm round trip returned a different password: keyFile=" + keyFile);
            }
        } finally {
            Arrays.fill(back, '\0');
        }
    }

    private static void writeNewKey(final Path keyFile) throws IOException {
        final byte[] key = AesGcmDecryptHandler.newKey();
        final byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
                Files.write(keyFile, text, StandardOpenOption.TRUNCATE_EXISTING);
            } else {
                Files.write(keyFile, text, StandardOpenOption.CREATE_NEW);
            }
        } catch (final FileAlreadyExistsException e) {
            throw new TlsConfigException("aes-gcm key file exists, --new-key refuses to overwrite an existing key "
                + "file: file=" + keyFile, e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Reads a whole password file, as the store's {@code --key-password-file} with {@code --decrypt passthrough} reads
     * it: the whole file without one trailing line end ({@code \n} or {@code \r\n}).
     */
    private static char[] readPasswordFile(final Path file, final String command) throws IOException, UsageError {
        if (Files.size(file) > MAX_PASSWORD_BYTES) {
            throw new UsageError(command + ": password file too long: file=" + file + ", maxBytes="
                + MAX_PASSWORD_BYTES);
        }
        final byte[] bytes = Files.readAllBytes(file);
        try {
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            return decode(bytes, length, "file=" + file, command);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads the first line of a stream as a UTF-8 password, without its line end.
     *
     * @param in the stream
     * @param origin where it comes from, for messages
     * @param command the tool name, for messages
     * @return the non-empty password; the caller zeroes it
     * @throws IOException when the stream cannot be read
     * @throws UsageError when it holds no password, too long a line or invalid UTF-8
     */
    static char[] readPassword(final InputStream in, final String origin, final String command)
        throws IOException, UsageError {
        final byte[] bytes = new byte[MAX_PASSWORD_BYTES + 1];
        int length = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (length == MAX_PASSWORD_BYTES) {
                Arrays.fill(bytes, (byte) 0);
                throw new UsageError(command + ": password too long: " + origin + ", maxBytes=" + MAX_PASSWORD_BYTES);
            }
            bytes[length++] = (byte) b;
        }
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        try {
            return decode(bytes, length, origin, command);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] decode(final byte[] bytes, final int length, final String origin, final String command)
        throws UsageError {
        if (length == 0) {
            throw new UsageError(command + ": no password given: " + origin);
        }
        try {
            final CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length));
            final char[] password = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (final CharacterCodingException e) {
            throw new UsageError(command + ": password is not UTF-8: " + origin);
        }
    }
}
