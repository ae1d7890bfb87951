package org.jlaplace.bench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the CIFAR-10 binary format ({@code data_batch_1.bin} … {@code data_batch_5.bin},
 * {@code test_batch.bin}): a file is a sequence of records of {@value #RECORD_BYTES} bytes, one label
 * byte {@code 0..9} followed by {@value #PIXELS} pixel bytes, the 1024 red, then green, then blue
 * values of a 32×32 image in row-major order. That is the channel-first layout, so an image has
 * shape {@code [3, 32, 32]} as stored. Pixels are kept as given (0..255). Files may be gzipped
 * (detected by the gzip magic bytes). A file that ends inside a record, or a label above 9, is
 * rejected with the file name and the byte offset of the offending record.
 */
public final class CifarLoader {
    /** Channels, height and width of one image. */
    public static final int CHANNELS = 3;
    /** Height and width of one image. */
    public static final int SIDE = 32;
    /** Pixel bytes of one record: 3·32·32. */
    public static final int PIXELS = CHANNELS * SIDE * SIDE;
    /** Bytes of one record: the label byte and the pixels. */
    public static final int RECORD_BYTES = 1 + PIXELS;
    /** Number of CIFAR-10 classes. */
    public static final int CLASSES = 10;

    private CifarLoader() {
    }

    /**
     * Reads {@code paths} in order and concatenates their records. A directory stands for its
     * {@code data_batch_*.bin} files in name order (the training part of the distribution).
     */
    public static Dataset load(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(expand(p));
        }
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (Path f : files) {
            read(f, x, y);
        }
        int[] labels = new int[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        String source = files.size() == 1 ? files.get(0).toString() : files.get(0) + " (+" + (files.size() - 1) + " files)";
        return Dataset.classification(source, x.toArray(new double[0][]), new int[] {CHANNELS, SIDE, SIDE}, labels,
                CLASSES, null);
    }

    private static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "data_batch_*.bin")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new DataFormatException(p.toString(), "cannot list the directory: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DataFormatException(p.toString(), "directory holds no data_batch_*.bin file");
        }
        out.sort(null);
        return out;
    }

    private static void read(Path file, List<double[]> x, List<Integer> y) {
        byte[] record = new byte[RECORD_BYTES];
        long offset = 0;
        try (InputStream in = open(file)) {
            while (true) {
                int got = in.readNBytes(record, 0, RECORD_BYTES);
                if (got == 0) {
                    break;
                }
                long index = offset / RECORD_BYTES;
                if (got < RECORD_BYTES) {
                    throw new DataFormatException(file.toString(), "truncated record " + (index + 1) + " at byte offset "
                            + offset + ": a record has " + RECORD_BYTES + " bytes (1 label + " + PIXELS
                            + " pixels) but only " + got + " remain");
                }
                int label = record[0] & 0xff;
                if (label >= CLASSES) {
                    throw new DataFormatException(file.toString(), "record " + (index + 1) + " at byte offset " + offset
                            + ": label byte " + label + " is not a CIFAR-10 class 0.." + (CLASSES - 1)
                            + " (is this a CIFAR-10 binary file?)");
                }
                double[] px = new double[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    px[j] = record[j + 1] & 0xff;
                }
                x.add(px);
                y.add(label);
                offset += RECORD_BYTES;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot read at byte offset " + offset + ": " + e.getMessage(), e);
        }
        if (offset == 0) {
            throw new DataFormatException(file.toString(), "is empty: no CIFAR-10 record");
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
    }
}
