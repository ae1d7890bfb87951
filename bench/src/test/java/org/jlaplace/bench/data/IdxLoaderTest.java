package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxLoaderTest {
    @TempDir
    Path dir;

    /** An IDX images file of {@code n} images of {@code rows × cols}; pixel (i, j) = (7i + j) mod 256. */
    private static byte[] images(int magic, int n, int rows, int cols, int bytesToWrite) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(magic);
        o.writeInt(n);
        o.writeInt(rows);
        o.writeInt(cols);
        for (int k = 0; k < bytesToWrite; k++) {
            int i = k / (rows * cols);
            int j = k % (rows * cols);
            o.writeByte((7 * i + j) % 256);
        }
        return b.toByteArray();
    }

    private static byte[] labels(int magic, int... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(magic);
        o.writeInt(values.length);
        for (int v : values) {
            o.writeByte(v);
        }
        return b.toByteArray();
    }

    private Path file(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(content);
        }
        return p;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path img = file("img" + gzip, images(0x803, 3, 2, 4, 24), gzip);
            Path lab = file("lab" + gzip, labels(0x801, 2, 0, 255), gzip);
            Dataset d = IdxLoader.load(img, lab);
            assertEquals(3, d.size());
            assertArrayEquals(new int[] {1, 2, 4}, d.inputShape());
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 8; j++) {
                    assertEquals((7 * i + j) % 256, d.x(i)[j], 0.0);
                }
            }
            assertEquals(255, d.label(2));
            assertEquals(256, d.classes());
        }
    }

    @Test
    void wrongMagicNumbersAreNamed() throws IOException {
        Path img = file("img", images(0x803, 1, 1, 1, 1), false);
        Path lab = file("lab", labels(0x801, 0), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxLoader.load(lab, img));
        assertTrue(e.getMessage().contains("lab: magic number 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("labels file"), e.getMessage());
        Path bad = file("bad", labels(0x802, 0), false);
        e = assertThrows(DataFormatException.class, () -> IdxLoader.load(img, bad));
        assertTrue(e.getMessage().contains("bad: magic number 0x00000802"), e.getMessage());
    }

    @Test
    void countMismatchAndTruncationAreReported() throws IOException {
        Path img = file("img", images(0x803, 2, 2, 2, 8), false);
        Path lab = file("lab", labels(0x801, 0, 1, 1), true);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxLoader.load(img, lab));
        assertTrue(e.getMessage().contains("has 3 labels but") && e.getMessage().contains("2 images"), e.getMessage());
        Path shortImg = file("short", images(0x803, 2, 2, 2, 5), false);
        Path lab2 = file("lab2", labels(0x801, 0, 1), false);
        e = assertThrows(DataFormatException.class, () -> IdxLoader.load(shortImg, lab2));
        assertTrue(e.getMessage().contains("short: truncated") && e.getMessage().contains("24 bytes")
                && e.getMessage().contains("has 21 bytes"), e.getMessage());
        Path shortGz = file("short.gz", images(0x803, 2, 2, 2, 5), true);
        e = assertThrows(DataFormatException.class, () -> IdxLoader.load(shortGz, lab2));
        assertTrue(e.getMessage().contains("short.gz: truncated") && e.getMessage().contains("image 2"), e.getMessage());
    }

    @Test
    void imageSizeMismatchWithTheModelIsReported() throws IOException {
        Dataset d = IdxLoader.load(file("img", images(0x803, 1, 3, 3, 9), false), file("lab", labels(0x801, 4), false));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataChecks.requireInputShape(d, new int[] {784}));
        assertTrue(e.getMessage().contains("9 features") && e.getMessage().contains("784"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> DataChecks.requireInputShape(d, new int[] {1, 28, 28}));
        assertTrue(e.getMessage().contains("[1, 3, 3]") && e.getMessage().contains("[1, 28, 28]"), e.getMessage());
        Dataset sameSize = IdxLoader.load(file("img2", images(0x803, 1, 1, 9, 9), false), file("lab3", labels(0x801, 0), false));
        e = assertThrows(DataFormatException.class, () -> DataChecks.requireInputShape(sameSize, new int[] {1, 3, 3}));
        assertTrue(e.getMessage().contains("[1, 1, 9]"), "same size, other shape: " + e.getMessage());
        assertEquals(9, DataChecks.requireInputShape(sameSize, new int[] {9}).features(), "an MLP may read images flat");
        e = assertThrows(DataFormatException.class, () -> DataChecks.requireOutputs(d, 3));
        assertTrue(e.getMessage().contains("lab: item 1: label 4"), e.getMessage());
    }
}
