package org.jlaplace.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    // ---- byte-level helpers, written from the format definition, independent of SafeTensors ----

    private static void putLong(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xff);
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /** A file with the given header text (length field = its UTF-8 length) followed by data bytes. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        putLong(out, h.length);
        out.write(h, 0, h.length);
        out.write(data, 0, data.length);
        Path p = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(p, out.toByteArray());
        return p;
    }

    private static ModelFormatException malformed(Path p, String... fragments) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> e.getMessage() + " should mention " + f);
        }
        return e;
    }

    // ---- reading a hand-built file ----

    @Test
    void readsAHandBuiltFile() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[24,40]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}   ";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        float[] a = {1f, -2.5f, 0.1f, Float.MIN_VALUE, 3e38f, -0f};
        for (float f : a) {
            putInt(data, Float.floatToRawIntBits(f));
        }
        double[] b = {Math.PI, -1e-300};
        for (double d : b) {
            putLong(data, Double.doubleToRawLongBits(d));
        }
        SafeTensorsFile read = SafeTensors.read(file(header, data.toByteArray()));
        assertEquals(List.of("a", "b"), List.copyOf(read.names()), "file (offset) order");
        assertEquals(Map.of("format", "pt"), read.metadata());
        SafeTensor ta = read.get("a");
        assertEquals(DType.F32, ta.dtype());
        assertArrayEquals(new int[] {2, 3}, ta.shape());
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(ta.values()[i]));
        }
        SafeTensor tb = read.get("b");
        assertEquals(DType.F64, tb.dtype());
        assertArrayEquals(b, tb.values());
    }

    @Test
    void readsScalarsAndEmptyTensors() throws IOException {
        String header = "{\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,4],\"data_offsets\":[8,8]}}";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        putLong(data, Double.doubleToRawLongBits(7.25));
        SafeTensorsFile read = SafeTensors.read(file(header, data.toByteArray()));
        assertArrayEquals(new double[] {7.25}, read.get("s").values());
        assertArrayEquals(new int[] {0, 4}, read.get("e").shape());
        assertEquals(0, read.get("e").size());
    }

    // ---- writing: layout and round trips ----

    @Test
    void writtenFilesFollowTheLayout() throws IOException {
        Path p = dir.resolve("layout.safetensors");
        SafeTensor t = new SafeTensor("0.weight", DType.F32, new int[] {1, 2}, new double[] {1.5, -2});
        SafeTensors.write(p, List.of(t), Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(p);
        long n = getLong(bytes, 0);
        assertEquals(0, (8 + n) % 8, "data section is 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"), header);
        assertTrue(header.contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}"), header);
        assertTrue(header.contains("\"__metadata__\":{\"k\":\"v\"}"), header);
        assertEquals(8 + n + 8, bytes.length);
        int first = (bytes[(int) (8 + n)] & 0xff) | (bytes[(int) (9 + n)] & 0xff) << 8
                | (bytes[(int) (10 + n)] & 0xff) << 16 | (bytes[(int) (11 + n)] & 0xff) << 24;
        assertEquals(Float.floatToRawIntBits(1.5f), first);
    }

    private static List<SafeTensor> randomTensors(Random r, DType dtype) {
        List<SafeTensor> tensors = new ArrayList<>();
        for (int t = r.nextInt(4); t >= 0; t--) {
            int[] shape = new int[r.nextInt(5)];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = r.nextInt(5);
                size *= shape[i];
            }
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = dtype == DType.F64 ? Double.longBitsToDouble(r.nextLong())
                        : (double) Float.intBitsToFloat(r.nextInt());
            }
            tensors.add(new SafeTensor(t + ".w\u00e9ight", dtype, shape, values));
        }
        return tensors;
    }

    private void assertRoundTrip(long seed, DType dtype) throws IOException {
        List<SafeTensor> tensors = randomTensors(new Random(seed), dtype);
        Path p = dir.resolve("rt-" + dtype + ".safetensors");
        SafeTensors.write(p, tensors, Map.of());
        SafeTensorsFile back = SafeTensors.read(p);
        assertEquals(tensors, back.tensors(), "values compared bit for bit");
        assertTrue(back.metadata().isEmpty());
    }

    @Test
    void f64RoundTripIsExact() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            try {
                assertRoundTrip(seed, DType.F64);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void f32RoundTripIsExactForFloatValues() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            try {
                assertRoundTrip(seed, DType.F32);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void f32WritingRoundsToNearestFloat() throws IOException {
        Path p = dir.resolve("round.safetensors");
        double[] values = {0.1, 1.0 / 3, 1e-50, 1e300};
        SafeTensors.write(p, List.of(new SafeTensor("x", DType.F32, new int[] {4}, values)), Map.of());
        double[] back = SafeTensors.read(p).get("x").values();
        for (int i = 0; i < values.length; i++) {
            assertEquals((double) (float) values[i], back[i]);
        }
    }

    @Test
    void writingRejectsDuplicateAndReservedNames() {
        SafeTensor a = new SafeTensor("a", DType.F64, new int[] {1}, new double[] {1});
        Path p = dir.resolve("dup.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(p, List.of(a, a), Map.of()));
        assertTrue(e.getMessage().contains("duplicate tensor name \"a\""), e.getMessage());
        SafeTensor m = new SafeTensor("__metadata__", DType.F64, new int[] {1}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, List.of(m), Map.of()));
        assertTrue(Files.notExists(p));
    }

    @Test
    void failedWritesLeaveNoFileBehind() throws IOException {
        Path p = dir.resolve("keep.bin");
        Files.write(p, new byte[] {42});
        assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(p), "old content kept");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left");
        }
    }

    // ---- malformed files ----

    @Test
    void rejectsTruncatedFiles() throws IOException {
        Path p = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        malformed(p, "truncated", "3 bytes");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        malformed(empty, "truncated", "0 bytes");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        putLong(out, 1000);
        out.write("{}".getBytes(StandardCharsets.UTF_8), 0, 2);
        Path p = Files.write(dir.resolve("long"), out.toByteArray());
        malformed(p, "header length 1000 exceeds the 2 bytes");
    }

    @Test
    void hostileHeaderLengthsDoNotAllocate() throws IOException {
        for (long hostile : new long[] {Long.MAX_VALUE, -1L, Integer.MAX_VALUE + 1L}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            putLong(out, hostile);
            out.write("{}".getBytes(StandardCharsets.UTF_8), 0, 2);
            Path p = Files.write(dir.resolve("hostile"), out.toByteArray());
            malformed(p, "header length " + Long.toUnsignedString(hostile) + " exceeds");
        }
    }

    @Test
    void rejectsAbsurdHeaderLengthsEvenInLargeFiles() throws IOException {
        Path p = dir.resolve("sparse");
        long length = SafeTensors.MAX_HEADER_BYTES + 1;
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(8 + length); // sparse: no disk blocks for the zeros
            f.seek(0);
            for (int i = 0; i < 8; i++) {
                f.write((int) (length >>> (8 * i)) & 0xff);
            }
        }
        malformed(p, "header length " + length, "limit");
        Files.delete(p);
    }

    @Test
    void rejectsHeadersThatAreNotJsonObjects() throws IOException {
        malformed(file("[1]", new byte[0]), "does not start with '{'");
        malformed(file("{\"a\": }", new byte[0]), "header JSON: line 1, column 7");
        malformed(file("{\"a\":{\"dtype\":\"F32\",\n\"shape\":[0],\n\"data_offsets\":[0,0],}}", new byte[0]),
                "line 3, column 22", "expected a string key");
        byte[] bad = {8, 0, 0, 0, 0, 0, 0, 0, '{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        malformed(Files.write(dir.resolve("utf8"), bad), "not valid UTF-8");
    }

    @Test
    void rejectsUnknownAndUnsupportedDtypes() throws IOException {
        malformed(file("{\"x\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16]),
                "tensor \"x\"", "unknown dtype \"F128\"");
        malformed(file("{\"x\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", new byte[2]),
                "tensor \"x\"", "dtype F16 is not supported");
        malformed(file("{\"x\":{\"dtype\":3,\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]),
                "\"dtype\" must be a string");
        malformed(file("{\"x\":{\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]), "missing \"dtype\"");
    }

    @Test
    void rejectsShapeByteCountMismatch() throws IOException {
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,24]}}", new byte[24]),
                "tensor \"x\"", "shape [2, 2] of dtype F64 needs 32 bytes", "span 24");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", new byte[8]),
                "shape[0] must be a non-negative integer, found -1");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", new byte[8]),
                "shape[0] must be a non-negative integer, found 1.5");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[65536,65536,65536],\"data_offsets\":[0,8]}}",
                new byte[8]), "more than");
    }

    @Test
    void tensorsRejectShapesWhoseProductWouldWrapAround() {
        int big = 1 << 30;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SafeTensor("x", DType.F64, new int[] {big, big, big, big, 4}, new double[0]));
        assertTrue(e.getMessage().contains("were given"), e.getMessage());
    }

    @Test
    void acceptsHugeExtentsWhenAnotherIsZero() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F64\",\"shape\":[1073741824,1073741824,1073741824,0],\"data_offsets\":[0,0]}}";
        assertEquals(0, SafeTensors.read(file(header, new byte[0])).get("x").size());
    }

    @Test
    void rejectsOffsetsOutOfRange() throws IOException {
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[8]),
                "tensor \"x\"", "data_offsets [0, 16] are out of range", "8 bytes");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[8,0]}}", new byte[8]),
                "end before they begin");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,18446744073709551615]}}",
                new byte[8]), "out of range");
        malformed(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[8]),
                "\"data_offsets\" must be an array [begin, end]");
    }

    @Test
    void rejectsOverlappingOffsets() throws IOException {
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}", new byte[24]),
                "tensor \"b\"", "overlap tensor \"a\"");
    }

    @Test
    void rejectsGapsAndUnusedBytes() throws IOException {
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}", new byte[24]),
                "tensor \"b\"", "gap of unused bytes [8, 16)");
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", new byte[16]),
                "gap of unused bytes [0, 8)");
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[12]),
                "12 bytes", "use only 8", "unused trailing bytes");
    }

    @Test
    void rejectsBadMetadata() throws IOException {
        malformed(file("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__.k", "expected a string");
        malformed(file("{\"__metadata__\":[]}", new byte[0]), "__metadata__", "expected an object");
    }

    @Test
    void rejectsDuplicateTensorNamesInTheHeader() throws IOException {
        malformed(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]}}", new byte[0]),
                "duplicate key \"a\"");
    }
}
