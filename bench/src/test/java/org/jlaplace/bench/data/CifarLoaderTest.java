package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary format on small files written here in that format. */
class CifarLoaderTest {
    @TempDir
    Path dir;

    /** {@code n} records; record {@code i} has label {@code (first + i) mod 10} and pixel {@code j} = (i + 3j) mod 256. */
    private static byte[] records(int first, int n) {
        byte[] b = new byte[n * CifarLoader.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            int at = i * CifarLoader.RECORD_BYTES;
            b[at] = (byte) ((first + i) % 10);
            for (int j = 0; j < CifarLoader.PIXELS; j++) {
                b[at + 1 + j] = (byte) ((first + i + 3 * j) % 256);
            }
        }
        return b;
    }

    private Path file(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(content);
        }
        return p;
    }

    @Test
    void readsLabelsAndChannelFirstPixelsOfPlainAndGzippedFiles() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = file("data_batch_1.bin" + (gzip ? ".gz" : ""), records(0, 4), gzip);
            Dataset d = CifarLoader.load(List.of(f));
            assertEquals(4, d.size());
            assertArrayEquals(new int[] {3, 32, 32}, d.inputShape());
            assertEquals(10, d.classes());
            assertArrayEquals(new int[] {0, 1, 2, 3}, d.labels());
            // Record 2, green channel (index 1), row 5, column 7: stored pixel 1024 + 5·32 + 7.
            int j = 1024 + 5 * 32 + 7;
            assertEquals((2 + 3 * j) % 256, d.x(2)[j], 0.0);
            assertEquals(((3 + 3 * (CifarLoader.PIXELS - 1)) % 256), d.x(3)[CifarLoader.PIXELS - 1], 0.0);
        }
    }

    @Test
    void aDirectoryMeansItsTrainingBatchesInNameOrder() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        Files.write(sub.resolve("data_batch_2.bin"), records(5, 2));
        Files.write(sub.resolve("data_batch_1.bin"), records(0, 3));
        Files.write(sub.resolve("test_batch.bin"), records(9, 7));
        Dataset d = CifarLoader.load(List.of(sub));
        assertArrayEquals(new int[] {0, 1, 2, 5, 6}, d.labels());
        Dataset test = CifarLoader.load(List.of(sub.resolve("test_batch.bin")));
        assertEquals(7, test.size());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarLoader.load(List.of(Files.createDirectory(dir.resolve("empty")))));
        assertTrue(e.getMessage().contains("no data_batch_*.bin"), e.getMessage());
    }

    @Test
    void aTruncatedRecordIsNamedWithItsFileAndOffset() throws IOException {
        for (int cut : new int[] {1, 100, CifarLoader.RECORD_BYTES - 1}) {
            byte[] whole = records(0, 3);
            Path f = file("data_batch_3.bin", Arrays.copyOf(whole, 2 * CifarLoader.RECORD_BYTES + cut), false);
            DataFormatException e = assertThrows(DataFormatException.class, () -> CifarLoader.load(List.of(f)));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated record 3 at byte offset " + 2 * CifarLoader.RECORD_BYTES), e.getMessage());
            assertTrue(e.getMessage().contains("only " + cut + " remain"), e.getMessage());
        }
    }

    @Test
    void aLabelByteAboveNineIsNamedWithItsOffset() throws IOException {
        byte[] b = records(0, 3);
        b[CifarLoader.RECORD_BYTES] = (byte) 200;
        Path f = file("data_batch_4.bin", b, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CifarLoader.load(List.of(f)));
        assertTrue(e.getMessage().contains("record 2 at byte offset " + CifarLoader.RECORD_BYTES + ": label byte 200"),
                e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreRejected() throws IOException {
        Path empty = file("data_batch_5.bin", new byte[0], false);
        assertTrue(assertThrows(DataFormatException.class, () -> CifarLoader.load(List.of(empty))).getMessage()
                .contains("is empty"));
        Path missing = dir.resolve("nope.bin");
        assertTrue(assertThrows(DataFormatException.class, () -> CifarLoader.load(List.of(missing))).getMessage()
                .contains("no such file"));
    }
}
