package org.memfabric.tools.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;
import org.memfabric.security.tls.AesGcmDecryptHandler;

/**
 * The TLS options shared by {@code store}, {@code store-cli} and {@code bench}:
 * {@code --tls --ca FILE --cert FILE --key FILE [--key-password-file FILE] [--crl FILE]
 * [--decrypt passthrough|aes-gcm --decrypt-key-file FILE]}, turned into {@link TlsSettings} with an enabled
 * {@link TlsOption}. The files themselves are read and checked later, when the link or server is opened.
 */
public final class TlsArguments {
    /** Turns TLS on. */
    public static final String TLS = "--tls";
    /** Options that take a value. */
    public static final Set<String> VALUE_OPTIONS = Set.of("--ca", "--cert", "--key", "--key-password-file", "--crl",
        "--decrypt", "--decrypt-key-file");
    /** Options that take none. */
    public static final Set<String> FLAG_OPTIONS = Set.of(TLS);
    /** The usage lines of the TLS options. */
    public static final String USAGE =
        "  --tls                       mutual TLS 1.3; needs --ca, --cert and --key\n"
            + "  --ca FILE                   trusted CA certificate(s), PEM\n"
            + "  --cert FILE                 this side's certificate, PEM\n"
            + "  --key FILE                  this side's private key, PEM PKCS#8 (plain or encrypted)\n"
            + "  --key-password-file FILE    the (encrypted) password of an encrypted key\n"
            + "  --crl FILE                  a CRL of the CA, PEM\n"
            + "  --decrypt passthrough|aes-gcm  how the key password file is decrypted (default passthrough)\n"
            + "  --decrypt-key-file FILE     the AES-256 key of --decrypt aes-gcm (memfabric tls encrypt-password)\n";

    private static final List<String> ORDER = List.of("--ca", "--cert", "--key", "--key-password-file", "--crl",
        "--decrypt", "--decrypt-key-file");

    private TlsArguments() {
    }

    /**
     * Builds the TLS settings of a command line.
     *
     * @param args the parsed command line (parsed with {@link #VALUE_OPTIONS} and {@link #FLAG_OPTIONS})
     * @return {@link TlsSettings#DISABLED} without {@code --tls}, otherwise enabled settings with a {@link TlsOption}
     * @throws UsageError for a TLS option without {@code --tls}, a missing file option, or a bad {@code --decrypt}
     */
    public static TlsSettings settings(final Arguments args) throws UsageError {
        final String command = args.command();
        if (!args.has(TLS)) {
            for (final String option : ORDER) {
                if (args.has(option)) {
                    throw new UsageError(command + ": tls option needs --tls: option=" + option);
                }
            }
            return TlsSettings.DISABLED;
        }
        final Path ca = requiredPath(args, "--ca");
        final Path cert = requiredPath(args, "--cert");
        final Path key = requiredPath(args, "--key");
        final DecryptHandler handler = decryptHandler(args);
        final TlsOption option = new TlsOption().enabled(true).caFile(ca).certFile(cert).keyFile(key)
            .crlFile(args.path("--crl").orElse(null))
            .keyPasswordFile(args.path("--key-password-file").orElse(null))
            .decryptHandler(handler);
        return new TlsSettings(true, null, null, handler, option);
    }

    private static Path requiredPath(final Arguments args, final String option) throws UsageError {
        final Optional<Path> path = args.path(option);
        if (path.isEmpty()) {
            throw new UsageError(args.command() + ": --tls needs " + option + " FILE: missing=" + option);
        }
        return path.get();
    }

    private static DecryptHandler decryptHandler(final Arguments args) throws UsageError {
        final String command = args.command();
        final String name = args.value("--decrypt").orElse("passthrough").toLowerCase(Locale.ROOT);
        final Optional<Path> keyFile = args.path("--decrypt-key-file");
        switch (name) {
            case "passthrough":
                if (keyFile.isPresent()) {
                    throw new UsageError(command + ": --decrypt-key-file needs --decrypt aes-gcm: option="
                        + "--decrypt-key-file, decrypt=" + name);
                }
                return DecryptHandler.passThrough();
            case "aes-gcm":
                if (keyFile.isEmpty()) {
                    throw new UsageError(command + ": --decrypt aes-gcm needs --decrypt-key-file FILE: "
                        + "missing=--decrypt-key-file");
                }
                if (!args.has("--key-password-file")) {
                    throw new UsageError(command + ": --decrypt aes-gcm needs --key-password-file FILE: "
                        + "missing=--key-password-file");
                }
                return new AesGcmDecryptHandler(keyFile.get());
            default:
                throw new UsageError(command + ": --decrypt must be passthrough or aes-gcm: value="
                    + args.value("--decrypt").orElse(""));
        }
    }
}
