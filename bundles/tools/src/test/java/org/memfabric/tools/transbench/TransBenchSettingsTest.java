package org.memfabric.tools.transbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.memfabric.api.bm.BmDataOpType;
import org.memfabric.tools.cli.UsageError;

class TransBenchSettingsTest {

    private static TransBenchSettings parse(final String... args) throws UsageError {
        return TransBenchTool.parse(List.of(args));
    }

    private static String refusal(final String... args) {
        return assertThrows(UsageError.class, () -> parse(args)).getMessage();
    }

    @Test
    void shouldDefaultToShmSevenSizesBatch32WriteThenRead() throws Exception {
        final TransBenchSettings s = parse();

        assertEquals(TransBenchSettings.Transport.SHM, s.transport);
        assertEquals(List.of(4L << 10, 16L << 10, 64L << 10, 256L << 10, 1L << 20, 4L << 20, 16L << 20), s.sizes);
        assertEquals(32, s.batch);
        assertEquals(List.of(TransBenchSettings.Op.WRITE, TransBenchSettings.Op.READ), s.ops);
        assertEquals(300, s.timeoutSeconds);
        assertEquals(Optional.empty(), s.csv);
        assertEquals(32L * (16 << 20), s.regionBytes());
    }

    @Test
    void shouldParseSizesWithBinarySuffixesInAnyCaseAndPlainBytes() throws Exception {
        assertEquals(List.of(1L, 4096L, 8192L, 3L << 20), parse("--sizes", "1,4K,8k,3m").sizes);
    }

    @Test
    void shouldRestrictTcpToTheTcpDataPathAndShmToSameHostCopies() throws Exception {
        assertEquals(EnumSet.of(BmDataOpType.HOST_TCP), parse("--transport", "tcp").transport.dataOpTypes());
        assertEquals(EnumSet.of(BmDataOpType.SDMA), parse("--transport", "SHM").transport.dataOpTypes());
    }

    @Test
    void shouldKeepWriteBeforeReadWhateverTheOrderGiven() throws Exception {
        assertEquals(List.of(TransBenchSettings.Op.WRITE, TransBenchSettings.Op.READ),
            parse("--ops", "read,write").ops);
        assertEquals(List.of(TransBenchSettings.Op.READ), parse("--ops", "read").ops);
    }

    @Test
    void shouldLayBlocksOutDistinctByDefaultAndReuseOneBlockWithLayoutSame() throws Exception {
        assertEquals("distinct", parse().layoutLabel());
        assertEquals("same", parse("--layout", "same").layoutLabel());
        assertEquals(List.of(4096L, 4096L), TransSender.requests(1 << 20, 2 << 20, 0, 4096, 2).stream()
            .map(r -> r.remoteAddress() - (2 << 20) + 4096).collect(Collectors.toList()));
        assertEquals(List.of(2L << 20, (2L << 20) + 4096), TransSender.requests(1 << 20, 2 << 20, 4096, 4096, 2)
            .stream().map(r -> r.remoteAddress()).collect(Collectors.toList()));
        assertEquals("bench trans: --layout must be distinct or same: value=random", refusal("--layout", "random"));
    }

    @Test
    void shouldRejectBadOptionsNamingTheValue() {
        assertEquals("bench trans: --transport must be shm or tcp: value=rdma", refusal("--transport", "rdma"));
        assertEquals("bench trans: --sizes entry is not a size (digits with K or M): value=4G",
            refusal("--sizes", "4K,4G"));
        assertEquals("bench trans: --sizes entry is not a size (digits with K or M): value=",
            refusal("--sizes", "4K,"));
        assertEquals("bench trans: --sizes entry is not a size (digits with K or M): value=-1",
            refusal("--sizes", "-1"));
        assertEquals("bench trans: --sizes entries must be 1 B .. 256M: value=0", refusal("--sizes", "0"));
        assertEquals("bench trans: --sizes entries must be 1 B .. 256M: value=257M", refusal("--sizes", "257M"));
        assertEquals("bench trans: --sizes lists a size twice: value=1024", refusal("--sizes", "1K,1024"));
        assertEquals("bench trans: --batch must be 1..1024: value=0", refusal("--batch", "0"));
        assertEquals("bench trans: --iterations must be an integer 1..10000000: value=many",
            refusal("--iterations", "many"));
        assertEquals("bench trans: --ops entries must be write or read: value=copy", refusal("--ops", "write,copy"));
        assertEquals("bench trans: --ops lists an op twice: value=read", refusal("--ops", "read,read"));
        assertEquals("bench trans: --timeout-s must be 5..3600: value=1", refusal("--timeout-s", "1"));
        assertEquals("bench trans: unknown option: option=--window", refusal("--window", "4"));
        assertEquals("bench trans: unknown option: option=--store", refusal("--store", "tcp://127.0.0.1:1"));
        assertEquals("bench trans: unexpected argument: value=now", refusal("now"));
    }

    @Test
    void shouldRejectARegionAboveOneGibibyte() {
        assertEquals("bench trans: --batch x largest --sizes entry must be at most 1 GiB: batch=65, "
            + "largestSize=16777216, bytes=1090519040", refusal("--batch", "65"));
        assertEquals("bench trans: --batch x largest --sizes entry must be at most 1 GiB: batch=5, "
            + "largestSize=268435456, bytes=1342177280", refusal("--sizes", "256M", "--batch", "5"));
    }

    @Test
    void shouldMoveAboutFourGibibytesPerSizeWithinTwentyAndTwoThousandBatchesUnlessIterationsAreGiven()
        throws Exception {
        final TransBenchSettings auto = parse();
        assertEquals(2000, auto.iterationsFor(4096)); // 128 KiB per batch: 32768 wanted, capped
        assertEquals(512, auto.iterationsFor(256 << 10)); // 8 MiB per batch
        assertEquals(20, auto.iterationsFor(16 << 20)); // 512 MiB per batch: 8 wanted, raised
        assertEquals(200, auto.warmupFor(4096));
        assertEquals(3, auto.warmupFor(16 << 20));

        final TransBenchSettings fixed = parse("--iterations", "7");
        assertEquals(7, fixed.iterationsFor(4096));
        assertEquals(7, fixed.iterationsFor(16 << 20));
        assertEquals(3, fixed.warmupFor(4096));
    }

    @Test
    void shouldHandTheReceiverWhatItNeedsSoItParsesToTheSameRegion() throws Exception {
        final TransBenchSettings s = parse("--transport", "tcp", "--sizes", "4K,1M", "--batch", "8", "--timeout-s",
            "60", "--csv", Path.of("x.csv").toString());
        final List<String> rankArgs = new ArrayList<>(List.of("--store", "tcp://127.0.0.1:4000", "--prefix", "p/"));
        rankArgs.addAll(s.rankArguments());

        final TransBenchRankTool.Settings r = TransBenchRankTool.parse(rankArgs);

        assertEquals(TransBenchSettings.Transport.TCP, r.bench.transport);
        assertEquals(s.sizes, r.bench.sizes);
        assertEquals(8, r.bench.batch);
        assertEquals(60, r.bench.timeoutSeconds);
        assertEquals(s.regionBytes(), r.bench.regionBytes());
        assertEquals("tcp://127.0.0.1:4000", r.store.toString());
        assertEquals("p/", r.prefix);
    }

    @Test
    void shouldRequireStoreAndPrefixFromTheReceiver() {
        assertEquals("bench-trans-rank: option missing: option=--prefix", assertThrows(UsageError.class,
            () -> TransBenchRankTool.parse(List.of("--store", "tcp://127.0.0.1:4000"))).getMessage());
        assertEquals("bench-trans-rank: option missing: option=--store", assertThrows(UsageError.class,
            () -> TransBenchRankTool.parse(List.of("--prefix", "p/"))).getMessage());
        assertTrue(assertThrows(UsageError.class, () -> TransBenchRankTool.parse(List.of("--prefix", "p/",
            "--store", "http://x"))).getMessage().startsWith("bench-trans-rank: --store is not a store url: "));
    }
}
