package org.memfabric.api.tls;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;

/**
 * The parsed {@code tls_info} string of {@code smem_set_conf_store_tls}: semicolon-separated {@code key: value}
 * pairs, whitespace tolerated, for example
 * <pre>
 * tlsCaPath: /etc/ssl/certs/; tlsCert: /etc/ssl/certs/server.crt; tlsCaFile: ca1.pem,ca2.pem;
 * tlsCrlPath: /etc/ssl/crl/; tlsCrlFile: a.pem,b.pem; packagePath: /etc/lib
 * </pre>
 * {@code tlsCaPath}, {@code tlsCert} and {@code tlsCaFile} are required; {@code tlsCrlPath}, {@code tlsCrlFile}
 * and {@code packagePath} are optional. Paths must not contain {@code ;}, {@code ,} or {@code :}. Unknown or
 * repeated keys are errors. (The original documents this format but never parses it.) Immutable.
 */
public final class TlsInfo {
    private static final Set<String> KEYS =
        Set.of("tlsCaPath", "tlsCert", "tlsCaFile", "tlsCrlPath", "tlsCrlFile", "packagePath");

    private final Path caDir;
    private final Path certFile;
    private final List<Path> caFiles;
    private final Path crlDir;
    private final List<Path> crlFiles;
    private final String packagePath;

    private TlsInfo(final Map<String, String> values) {
        this.caDir = Paths.get(values.get("tlsCaPath"));
        this.certFile = Paths.get(values.get("tlsCert"));
        this.caFiles = resolveAll(caDir, values.get("tlsCaFile"));
        final String crlPath = values.get("tlsCrlPath");
        this.crlDir = crlPath == null ? null : Paths.get(crlPath);
        final String crl = values.get("tlsCrlFile");
        if (crl != null && crlDir == null) {
            throw fail("tls_info tlsCrlFile needs tlsCrlPath: tlsCrlFile=" + crl);
        }
        this.crlFiles = crl == null ? List.of() : resolveAll(crlDir, crl);
        this.packagePath = values.getOrDefault("packagePath", "");
    }

    /**
     * Parses a {@code tls_info} string.
     *
     * @param tlsInfo the string
     * @return the parsed settings
     * @throws InvalidArgumentException naming the offending key or value
     */
    public static TlsInfo parse(final String tlsInfo) {
        if (tlsInfo == null || tlsInfo.isBlank()) {
            throw fail("tls_info must not be empty when TLS is enabled: tls_info=" + (tlsInfo == null ? "null" : "\"\""));
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String rawPair : tlsInfo.split(";")) {
            final String pair = rawPair.trim();
            if (pair.isEmpty()) {
                continue;
            }
            final int colon = pair.indexOf(':');
            if (colon < 0) {
                throw fail("tls_info entry must be 'key: value': entry=" + pair);
            }
            final String key = pair.substring(0, colon).trim();
            final String value = pair.substring(colon + 1).trim();
            if (!KEYS.contains(key)) {
                throw fail("tls_info key unknown (expected one of " + KEYS + "): key=" + key);
            }
            if (value.isEmpty()) {
                throw fail("tls_info value must not be empty: key=" + key);
            }
            if (value.indexOf(':') >= 0) {
                throw fail("tls_info value must not contain ':': key=" + key + ", value=" + value);
            }
            if (values.put(key, value) != null) {
                throw fail("tls_info key repeated: key=" + key);
            }
        }
        for (final String required : List.of("tlsCaPath", "tlsCert", "tlsCaFile")) {
            if (!values.containsKey(required)) {
                throw fail("tls_info key missing: key=" + required);
            }
        }
        if (values.get("tlsCert").indexOf(',') >= 0 || values.get("tlsCaPath").indexOf(',') >= 0) {
            throw fail("tls_info tlsCert and tlsCaPath name one path each: tlsCert=" + values.get("tlsCert"));
        }
        return new TlsInfo(values);
    }

    private static List<Path> resolveAll(final Path dir, final String commaList) {
        final List<Path> paths = new ArrayList<>();
        for (final String name : commaList.split(",")) {
            final String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                throw fail("tls_info file list has an empty entry: list=" + commaList);
            }
            paths.add(dir.resolve(trimmed));
        }
        return Collections.unmodifiableList(paths);
    }

    private static InvalidArgumentException fail(final String message) {
        return LastError.record(new InvalidArgumentException(message));
    }

    /**
     * The CA directory ({@code tlsCaPath}).
     *
     * @return the directory
     */
    public Path caDir() {
        return caDir;
    }

    /**
     * This side's certificate ({@code tlsCert}).
     *
     * @return the certificate file
     */
    public Path certFile() {
        return certFile;
    }

    /**
     * The trusted CA files ({@code tlsCaFile}), resolved against {@link #caDir()}.
     *
     * @return the files, at least one
     */
    public List<Path> caFiles() {
        return caFiles;
    }

    /**
     * The CRL directory ({@code tlsCrlPath}), or null.
     *
     * @return the directory or null
     */
    public Path crlDir() {
        return crlDir;
    }

    /**
     * The CRL files ({@code tlsCrlFile}) resolved against {@link #crlDir()}; may be empty.
     *
     * @return the files
     */
    public List<Path> crlFiles() {
        return crlFiles;
    }

    /**
     * {@code packagePath}: in the original the OpenSSL library directory; kept for compatibility and otherwise
     * unused, because the JVM's TLS stack (with Bouncy Castle) needs no native library.
     *
     * @return the value, or an empty string
     */
    public String packagePath() {
        return packagePath;
    }

    @Override
    public String toString() {
        return "TlsInfo[caDir=" + caDir + ", cert=" + certFile + ", caFiles=" + caFiles + ", crlDir=" + crlDir
            + ", crlFiles=" + crlFiles + ", packagePath=" + packagePath + "]";
    }
}
