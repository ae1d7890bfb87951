package org.jlaplace.bench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jlaplace.bench.memory.HeapBudget;
import org.jlaplace.bench.memory.MemoryEstimate;

/**
 * Reads IDX image/label pairs (the MNIST format): a big-endian header of magic number, item count
 * and (for images) rows and columns, then unsigned bytes. Images have magic {@value #IMAGES_MAGIC}
 * (0x00000803: unsigned byte, 3 dimensions), labels {@value #LABELS_MAGIC} (0x00000801). Files may
 * be gzip-compressed (detected by the gzip magic bytes, not the name). Pixels are kept as given
 * (0..255); inputs have shape {@code [1, rows, cols]}.
 *
 * <p>The header is checked before anything is allocated: dimensions are unsigned 32-bit numbers
 * (printed as such), their product is overflow-checked, and the announced data must match the
 * file: exactly {@code header + n·rows·cols} bytes for a plain file; for a gzipped file, at most
 * {@value #MAX_DEFLATE_RATIO} bytes per compressed byte (deflate's largest ratio), and the stream
 * is read up to the announced count and must end there. Trailing bytes are rejected, as the
 * safetensors reader rejects them. The n·rows·cols doubles must fit the heap.
 */
public final class IdxLoader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Deflate cannot expand one compressed byte into more than about 1032 bytes. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** Largest number of values in one Java array. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxLoader() {
    }

    /** Reads the two files and checks that they describe the same number of items. */
    public static Dataset load(Path images, Path labels) {
        return load(images, labels, HeapBudget.ofRuntime());
    }

    /** As {@link #load(Path, Path)}, checking the data against {@code budget}. */
    static Dataset load(Path images, Path labels, HeapBudget budget) {
        double[][] x;
        int rows;
        int cols;
        try (Source in = Source.open(images)) {
            int magic = readHeaderInt(in, images, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new DataFormatException(images.toString(), String.format(
                        "magic number 0x%08x is not that of an IDX images file (0x%08x)%s", magic, IMAGES_MAGIC,
                        magic == LABELS_MAGIC ? "; this looks like a labels file" : ""));
            }
            long n = Integer.toUnsignedLong(readHeaderInt(in, images, "image count"));
            long r = Integer.toUnsignedLong(readHeaderInt(in, images, "row count"));
            long c = Integer.toUnsignedLong(readHeaderInt(in, images, "column count"));
            String announced = n + " images of " + r + "x" + c;
            // Each factor is checked before the product, which cannot then overflow a long.
            if (r == 0 || c == 0 || r > MAX_ARRAY || c > MAX_ARRAY || n > MAX_ARRAY || r * c > MAX_ARRAY) {
                throw new DataFormatException(images.toString(), "bad header: " + announced
                        + (r == 0 || c == 0 ? " (rows and columns must be positive)" : " (too large)"));
            }
            long pixels = n * r * c; // < 2^31 · 2^31: no overflow
            in.checkSize(16, pixels, images, announced);
            budget.require(new MemoryEstimate().doubles("images", pixels)
                    .doubles("copies for scaling and batching", 2 * pixels),
                    images + " (" + announced + ")", "fewer images");
            rows = (int) r;
            cols = (int) c;
            x = new double[(int) n][rows * cols];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                try {
                    in.data.readFully(buf);
                } catch (EOFException e) {
                    throw new DataFormatException(images.toString(), "truncated: the header announces " + announced
                            + " but the data end inside image " + (i + 1));
                }
                for (int j = 0; j < buf.length; j++) {
                    x[i][j] = buf[j] & 0xff;
                }
            }
            in.requireEnd(images, announced);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(images.toString(), "no such file");
        } catch (IOException e) {
            throw new DataFormatException(images.toString(), "cannot read: " + reason(e), e);
        }
        int[] y;
        try (Source in = Source.open(labels)) {
            int magic = readHeaderInt(in, labels, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new DataFormatException(labels.toString(), String.format(
                        "magic number 0x%08x is not that of an IDX labels file (0x%08x)%s", magic, LABELS_MAGIC,
                        magic == IMAGES_MAGIC ? "; this looks like an images file" : ""));
            }
            long n = Integer.toUnsignedLong(readHeaderInt(in, labels, "label count"));
            if (n != x.length) {
                throw new DataFormatException(labels.toString(), "has " + n + " labels but " + images + " has "
                        + x.length + " images");
            }
            in.checkSize(8, n, labels, n + " labels");
            byte[] buf = new byte[(int) n];
            try {
                in.data.readFully(buf);
            } catch (EOFException e) {
                throw new DataFormatException(labels.toString(), "truncated: the header announces " + n + " labels");
            }
            in.requireEnd(labels, n + " labels");
            y = new int[(int) n];
            for (int i = 0; i < n; i++) {
                y[i] = buf[i] & 0xff;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(labels.toString(), "no such file");
        } catch (IOException e) {
            throw new DataFormatException(labels.toString(), "cannot read: " + reason(e), e);
        }
        int maxLabel = 0;
        for (int v : y) {
            maxLabel = Math.max(maxLabel, v);
        }
        return Dataset.classification(labels.toString(), x, new int[] {1, rows, cols}, y, maxLabel + 1, null);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof ZipException) {
            return "corrupt gzip data (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    /** An open IDX file: its (possibly decompressed) data stream, and what its size tells. */
    private static final class Source implements AutoCloseable {
        final DataInputStream data;
        final long fileSize;
        final boolean gzip;

        private Source(DataInputStream data, long fileSize, boolean gzip) {
            this.data = data;
            this.fileSize = fileSize;
            this.gzip = gzip;
        }

        static Source open(Path file) throws IOException {
            if (Files.isDirectory(file)) {
                throw new DataFormatException(file.toString(), "is a directory, not an IDX file");
            }
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            InputStream raw = new BufferedInputStream(Files.newInputStream(file));
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            return new Source(new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw)) : raw),
                    size, gzip);
        }

        /**
         * Checks {@code header + payload} bytes against the file size (exact for a plain file, an
         * upper bound from deflate's ratio for a gzipped one); unknown sizes (pipes) pass.
         */
        void checkSize(long header, long payload, Path file, String announced) {
            if (fileSize < 0) {
                return;
            }
            long need = header + payload;
            if (!gzip && need > fileSize) {
                throw new DataFormatException(file.toString(), "truncated: the header announces " + announced
                        + " (" + need + " bytes) but the file has " + fileSize + " bytes");
            }
            if (!gzip && need < fileSize) {
                throw new DataFormatException(file.toString(), "has " + (fileSize - need)
                        + " trailing bytes after the " + announced + " its header announces");
            }
            if (gzip && need > MemoryEstimate.saturatingMultiply(fileSize, MAX_DEFLATE_RATIO)) {
                throw new DataFormatException(file.toString(), "truncated: the header announces " + announced
                        + " (" + need + " bytes) but " + fileSize + " gzipped bytes can hold at most "
                        + fileSize * MAX_DEFLATE_RATIO);
            }
        }

        /** The stream must end after the announced items. */
        void requireEnd(Path file, String announced) throws IOException {
            if (data.read() >= 0) {
                throw new DataFormatException(file.toString(), "has trailing bytes after the " + announced
                        + " its header announces");
            }
        }

        @Override
        public void close() throws IOException {
            data.close();
        }
    }

    private static int readHeaderInt(Source in, Path file, String what) throws IOException {
        try {
            return in.data.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file.toString(), "truncated header: no " + what);
        }
    }
}
