package org.jlaplace.bench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX image/label pairs (the MNIST format): a big-endian header of magic number, item count
 * and (for images) rows and columns, then unsigned bytes. Images have magic {@value #IMAGES_MAGIC}
 * (0x00000803: unsigned byte, 3 dimensions), labels {@value #LABELS_MAGIC} (0x00000801). Files may
 * be gzip-compressed (detected by the gzip magic bytes, not the name). Pixels are kept as given
 * (0..255); inputs have shape {@code [1, rows, cols]}.
 */
public final class IdxLoader {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxLoader() {
    }

    /** Reads the two files and checks that they describe the same number of items. */
    public static Dataset load(Path images, Path labels) {
        double[][] x;
        int rows;
        int cols;
        try (DataInputStream in = open(images)) {
            int magic = readHeaderInt(in, images, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new DataFormatException(images.toString(), String.format(
                        "magic number 0x%08x is not that of an IDX images file (0x%08x)%s", magic, IMAGES_MAGIC,
                        magic == LABELS_MAGIC ? "; this looks like a labels file" : ""));
            }
            int n = readHeaderInt(in, images, "image count");
            rows = readHeaderInt(in, images, "row count");
            cols = readHeaderInt(in, images, "column count");
            if (n < 0 || rows <= 0 || cols <= 0) {
                throw new DataFormatException(images.toString(), "bad header: " + n + " images of " + rows + "x" + cols);
            }
            x = new double[n][rows * cols];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                try {
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new DataFormatException(images.toString(), "truncated: the header announces " + n
                            + " images of " + rows + "x" + cols + " but the data end inside image " + (i + 1));
                }
                for (int j = 0; j < buf.length; j++) {
                    x[i][j] = buf[j] & 0xff;
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(images.toString(), "no such file");
        } catch (IOException e) {
            throw new DataFormatException(images.toString(), "cannot read: " + e.getMessage(), e);
        }
        int[] y;
        try (DataInputStream in = open(labels)) {
            int magic = readHeaderInt(in, labels, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new DataFormatException(labels.toString(), String.format(
                        "magic number 0x%08x is not that of an IDX labels file (0x%08x)%s", magic, LABELS_MAGIC,
                        magic == IMAGES_MAGIC ? "; this looks like an images file" : ""));
            }
            int n = readHeaderInt(in, labels, "label count");
            if (n != x.length) {
                throw new DataFormatException(labels.toString(), "has " + n + " labels but " + images + " has "
                        + x.length + " images");
            }
            byte[] buf = new byte[n];
            try {
                in.readFully(buf);
            } catch (EOFException e) {
                throw new DataFormatException(labels.toString(), "truncated: the header announces " + n + " labels");
            }
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = buf[i] & 0xff;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(labels.toString(), "no such file");
        } catch (IOException e) {
            throw new DataFormatException(labels.toString(), "cannot read: " + e.getMessage(), e);
        }
        int maxLabel = 0;
        for (int v : y) {
            maxLabel = Math.max(maxLabel, v);
        }
        return Dataset.classification(labels.toString(), x, new int[] {1, rows, cols}, y, maxLabel + 1, null);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw)) : raw);
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file.toString(), "truncated header: no " + what);
        }
    }
}
