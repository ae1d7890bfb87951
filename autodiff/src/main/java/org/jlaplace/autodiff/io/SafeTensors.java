package org.jlaplace.autodiff.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jlaplace.autodiff.io.json.JsonArray;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonParseException;
import org.jlaplace.autodiff.io.json.JsonParser;
import org.jlaplace.autodiff.io.json.JsonString;
import org.jlaplace.autodiff.io.json.JsonValue;
import org.jlaplace.autodiff.io.json.JsonWriter;

/**
 * Reads and writes the safetensors format.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8
 * JSON (an object mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin,
 * end]}}, plus an optional {@code "__metadata__"} object of strings), possibly padded with
 * spaces; then the data section, in which tensor {@code t} occupies bytes
 * {@code [begin_t, end_t)} as row-major little-endian values. The data offsets must tile the data
 * section exactly: sorted by begin, the first starts at 0, each starts where the previous ended,
 * and the last ends at the end of the file.
 *
 * <p>Reading validates everything before allocating tensor storage: the header length is checked
 * against the file size (a hostile length cannot cause an OutOfMemoryError), offsets against the
 * data section, and each tensor's byte count against {@code product(shape) × sizeof(dtype)}.
 */
public final class SafeTensors {

    /** Largest header accepted (the reference implementation uses the same 100 MB bound). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 20;
    /** Largest Java array length that is safe on all JVMs. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private SafeTensors() {
    }

    /**
     * Reads a safetensors file with F32 or F64 tensors.
     *
     * @throws ModelFormatException naming the file and the problem if it is malformed
     * @throws IOException          if it cannot be read
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new ModelFormatException(file, "truncated safetensors file: " + fileSize
                        + " bytes, shorter than the 8-byte header length field");
            }
            long headerLength = readBytes(channel, 0, 8).getLong();
            if (Long.compareUnsigned(headerLength, fileSize - 8) > 0) {
                throw new ModelFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the " + (fileSize - 8) + " bytes that follow the length field"
                        + " (truncated file or not a safetensors file)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new ModelFormatException(file, "header length " + headerLength
                        + " is larger than the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            JsonObject header = parseHeader(file, readBytes(channel, 8, (int) headerLength));
            long dataStart = 8 + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseEntries(file, header, metadata);
            List<Entry> inFileOrder = checkOffsets(file, entries, fileSize - dataStart);
            List<SafeTensor> tensors = new ArrayList<>(entries.size());
            for (Entry e : inFileOrder) {
                tensors.add(new SafeTensor(e.name, e.dtype, e.shape, readValues(channel, dataStart + e.begin, e)));
            }
            return new SafeTensorsFile(tensors, metadata);
        }
    }

    /**
     * Writes tensors (each in its own {@link SafeTensor#dtype()}, F64 values rounded to nearest when
     * stored as F32) and optional metadata, atomically: a temporary file replaces {@code file}.
     * The header is padded with spaces so that the data section starts at a multiple of 8 bytes.
     *
     * @throws IllegalArgumentException if two tensors share a name or a name is "__metadata__"
     */
    public static void write(Path file, List<SafeTensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = encodeHeader(tensors, metadata);
        AtomicFiles.write(file, out -> writeTo(out, header, tensors));
    }

    /** Writes to a temporary file beside {@code file} and returns it (for multi-file saves). */
    static Path writeTemporary(Path file, List<SafeTensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = encodeHeader(tensors, metadata);
        return AtomicFiles.writeTemporary(file, out -> writeTo(out, header, tensors));
    }

    private static void writeTo(OutputStream out, byte[] header, List<SafeTensor> tensors) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(length.array());
        out.write(header);
        long dataBytes = 0;
        for (SafeTensor t : tensors) {
            dataBytes += (long) t.size() * t.dtype().bytes();
        }
        int chunkBytes = (int) Math.max(8, Math.min(CHUNK_BYTES, dataBytes));
        ByteBuffer chunk = ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (SafeTensor t : tensors) {
            double[] values = t.values();
            for (double v : values) {
                if (chunk.remaining() < 8) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                if (t.dtype() == DType.F32) {
                    chunk.putFloat((float) v);
                } else {
                    chunk.putDouble(v);
                }
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    /** The JSON header in UTF-8, space-padded so that 8 + its length is a multiple of 8. */
    static byte[] encodeHeader(List<SafeTensor> tensors, Map<String, String> metadata) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, JsonValue> meta = new LinkedHashMap<>();
            metadata.forEach((k, v) -> meta.put(k, JsonString.of(v)));
            members.put(METADATA_KEY, JsonObject.of(meta));
        }
        long offset = 0;
        for (SafeTensor t : tensors) {
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: a tensor may not be named " + METADATA_KEY);
            }
            List<JsonValue> shape = new ArrayList<>();
            for (int extent : t.shape()) {
                shape.add(JsonNumber.of(extent));
            }
            long end = offset + (long) t.size() * t.dtype().bytes();
            Map<String, JsonValue> info = new LinkedHashMap<>();
            info.put("dtype", JsonString.of(t.dtype().headerName()));
            info.put("shape", JsonArray.of(shape));
            info.put("data_offsets", JsonArray.of(List.of(JsonNumber.of(offset), JsonNumber.of(end))));
            if (members.put(t.name(), JsonObject.of(info)) != null) {
                throw new IllegalArgumentException("safetensors: duplicate tensor name \"" + t.name() + "\"");
            }
            offset = end;
        }
        byte[] json = JsonWriter.compact(JsonObject.of(members)).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static JsonObject parseHeader(Path file, ByteBuffer bytes) throws ModelFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file, "header is not valid UTF-8", e);
        }
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw new ModelFormatException(file, "header does not start with '{' (not a safetensors file?)");
        }
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(text);
        } catch (JsonParseException e) {
            throw new ModelFormatException(file, "header JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new ModelFormatException(file, "header is a JSON " + parsed.kind() + ", expected an object");
        }
        return object;
    }

    /** One header entry, validated field by field. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private static List<Entry> parseEntries(Path file, JsonObject header, Map<String, String> metadata)
            throws ModelFormatException {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : header.members().entrySet()) {
            String name = member.getKey();
            JsonValue value = member.getValue();
            if (name.equals(METADATA_KEY)) {
                parseMetadata(file, value, metadata);
                continue;
            }
            String where = "tensor \"" + name + "\" (" + value.position() + ")";
            if (!(value instanceof JsonObject info)) {
                throw new ModelFormatException(file, where + ": expected an object, found a " + value.kind());
            }
            DType dtype = parseDType(file, where, info.get("dtype"));
            int[] shape = parseShape(file, where, info.get("shape"));
            long[] offsets = parseOffsets(file, where, info.get("data_offsets"));
            long count = elementCount(shape);
            if (count < 0) {
                throw new ModelFormatException(file, where + ": shape " + Arrays.toString(shape)
                        + " has more than " + MAX_ELEMENTS + " elements");
            }
            long expected = count * dtype.bytes();
            if (offsets[1] - offsets[0] != expected) {
                throw new ModelFormatException(file, where + ": shape " + Arrays.toString(shape) + " of dtype "
                        + dtype + " needs " + expected + " bytes but data_offsets [" + offsets[0] + ", "
                        + offsets[1] + "] span " + (offsets[1] - offsets[0]));
            }
            entries.add(new Entry(name, dtype, shape, offsets[0], offsets[1]));
        }
        return entries;
    }

    /** The product of the extents, or −1 if it exceeds {@link #MAX_ELEMENTS} (and no extent is 0). */
    private static long elementCount(int[] shape) {
        for (int extent : shape) {
            if (extent == 0) {
                return 0;
            }
        }
        long count = 1;
        for (int extent : shape) {
            count *= extent; // both factors ≤ 2^31, so the product cannot overflow a long
            if (count > MAX_ELEMENTS) {
                return -1;
            }
        }
        return count;
    }

    private static void parseMetadata(Path file, JsonValue value, Map<String, String> metadata)
            throws ModelFormatException {
        if (!(value instanceof JsonObject meta)) {
            throw new ModelFormatException(file, METADATA_KEY + " (" + value.position() + "): expected an object, found a "
                    + value.kind());
        }
        for (Map.Entry<String, JsonValue> m : meta.members().entrySet()) {
            if (!(m.getValue() instanceof JsonString s)) {
                throw new ModelFormatException(file, METADATA_KEY + "." + m.getKey() + " ("
                        + m.getValue().position() + "): expected a string, found a " + m.getValue().kind());
            }
            metadata.put(m.getKey(), s.value());
        }
    }

    /** Element types defined by the safetensors format that this library does not read. */
    private static final Set<String> UNSUPPORTED_DTYPES = Set.of(
            "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "I64", "U64");

    private static DType parseDType(Path file, String where, JsonValue value) throws ModelFormatException {
        if (value == null) {
            throw new ModelFormatException(file, where + ": missing \"dtype\"");
        }
        if (!(value instanceof JsonString s)) {
            throw new ModelFormatException(file, where + ": \"dtype\" must be a string, found a " + value.kind());
        }
        for (DType d : DType.values()) {
            if (d.headerName().equals(s.value())) {
                return d;
            }
        }
        if (UNSUPPORTED_DTYPES.contains(s.value())) {
            throw new ModelFormatException(file, where + ": dtype " + s.value()
                    + " is not supported (only F32 and F64 are read)");
        }
        throw new ModelFormatException(file, where + ": unknown dtype \"" + s.value() + "\"");
    }

    private static int[] parseShape(Path file, String where, JsonValue value) throws ModelFormatException {
        if (value == null) {
            throw new ModelFormatException(file, where + ": missing \"shape\"");
        }
        if (!(value instanceof JsonArray array)) {
            throw new ModelFormatException(file, where + ": \"shape\" must be an array, found a " + value.kind());
        }
        int[] shape = new int[array.size()];
        for (int i = 0; i < shape.length; i++) {
            long extent = nonNegativeInteger(file, where + ": shape[" + i + "]", array.get(i));
            if (extent > MAX_ELEMENTS) {
                throw new ModelFormatException(file, where + ": shape[" + i + "] = " + extent + " is too large");
            }
            shape[i] = (int) extent;
        }
        return shape;
    }

    private static long[] parseOffsets(Path file, String where, JsonValue value) throws ModelFormatException {
        if (value == null) {
            throw new ModelFormatException(file, where + ": missing \"data_offsets\"");
        }
        if (!(value instanceof JsonArray array) || array.size() != 2) {
            throw new ModelFormatException(file, where + ": \"data_offsets\" must be an array [begin, end]");
        }
        long begin = nonNegativeInteger(file, where + ": data_offsets[0]", array.get(0));
        long end = nonNegativeInteger(file, where + ": data_offsets[1]", array.get(1));
        if (end < begin) {
            throw new ModelFormatException(file, where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        return new long[] {begin, end};
    }

    private static long nonNegativeInteger(Path file, String what, JsonValue value) throws ModelFormatException {
        if (value instanceof JsonNumber number) {
            java.util.OptionalLong exact = number.longValueIn(0, Long.MAX_VALUE >> 1);
            if (exact.isPresent()) {
                return exact.getAsLong();
            }
            if (number.isIntegerAbove(Long.MAX_VALUE >> 1)) {
                throw new ModelFormatException(file, what + " = " + number.shortText() + " is out of range");
            }
        }
        throw new ModelFormatException(file, what + " must be a non-negative integer, found "
                + (value instanceof JsonNumber n ? n.shortText() : "a " + value.kind()));
    }

    /**
     * Checks that the entries' byte ranges tile {@code [0, dataSize)}: no range beyond the data
     * section, no overlap, no gap and no unused trailing bytes.
     *
     * @return the entries sorted by their position in the data section
     */
    private static List<Entry> checkOffsets(Path file, List<Entry> entries, long dataSize) throws ModelFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (Entry e : sorted) {
            if (e.end > dataSize) {
                throw new ModelFormatException(file, "tensor \"" + e.name + "\": data_offsets [" + e.begin + ", "
                        + e.end + "] are out of range: the data section has " + dataSize + " bytes (truncated file?)");
            }
        }
        long expectedBegin = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin < expectedBegin) {
                throw new ModelFormatException(file, "tensor \"" + e.name + "\": data_offsets [" + e.begin + ", "
                        + e.end + "] overlap tensor \"" + previous + "\" which ends at " + expectedBegin);
            }
            if (e.begin > expectedBegin) {
                throw new ModelFormatException(file, "tensor \"" + e.name + "\": data_offsets [" + e.begin + ", "
                        + e.end + "] leave a gap of unused bytes [" + expectedBegin + ", " + e.begin + ")");
            }
            expectedBegin = e.end;
            previous = e.name;
        }
        if (expectedBegin != dataSize) {
            throw new ModelFormatException(file, "the data section has " + dataSize + " bytes but the tensors use only "
                    + expectedBegin + " (unused trailing bytes)");
        }
        return sorted;
    }

    private static double[] readValues(FileChannel channel, long position, Entry entry) throws IOException {
        int count = (int) ((entry.end - entry.begin) / entry.dtype.bytes());
        double[] values = new double[count];
        int done = 0;
        long at = position;
        int perChunk = CHUNK_BYTES / entry.dtype.bytes();
        while (done < count) {
            int n = Math.min(perChunk, count - done);
            ByteBuffer bytes = readBytes(channel, at, n * entry.dtype.bytes());
            if (entry.dtype == DType.F32) {
                for (int i = 0; i < n; i++) {
                    values[done + i] = bytes.getFloat();
                }
            } else {
                for (int i = 0; i < n; i++) {
                    values[done + i] = bytes.getDouble();
                }
            }
            done += n;
            at += (long) n * entry.dtype.bytes();
        }
        return values;
    }

    /** Reads exactly {@code length} bytes at {@code position}; the caller has checked the bounds. */
    private static ByteBuffer readBytes(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
        return buffer.flip();
    }
}
