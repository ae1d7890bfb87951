package org.jlaplace.bench.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Small IDX files (the MNIST format) that tests write: {@code n} images of {@code side×side}
 * pixels with labels {@code i mod classes}; class {@code c} is a bright horizontal bar on row
 * {@code c·side/classes} plus seeded speckle, so a small network learns it in a few epochs.
 */
final class SyntheticIdx {
    private SyntheticIdx() {
    }

    /** Writes {@code <name>-images.idx[.gz]} and {@code <name>-labels.idx[.gz]} into {@code dir}; returns both. */
    static Path[] write(Path dir, String name, int n, int side, int classes, long seed, boolean gzip) throws IOException {
        return write(dir, name, n, n, side, classes, seed, gzip);
    }

    /** As {@link #write(Path, String, int, int, int, long, boolean)} with {@code labelCount} labels (for mismatches). */
    static Path[] write(Path dir, String name, int n, int labelCount, int side, int classes, long seed, boolean gzip)
            throws IOException {
        String ext = gzip ? ".idx.gz" : ".idx";
        Path images = dir.resolve(name + "-images" + ext);
        Path labels = dir.resolve(name + "-labels" + ext);
        SplittableRandom rng = new SplittableRandom(seed);
        try (DataOutputStream o = open(images, gzip)) {
            o.writeInt(0x803);
            o.writeInt(n);
            o.writeInt(side);
            o.writeInt(side);
            for (int i = 0; i < n; i++) {
                int bar = (i % classes) * side / classes;
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        int v = rng.nextInt(60) + (r == bar ? 180 : 0);
                        o.writeByte(Math.min(255, v));
                    }
                }
            }
        }
        try (DataOutputStream o = open(labels, gzip)) {
            o.writeInt(0x801);
            o.writeInt(labelCount);
            for (int i = 0; i < labelCount; i++) {
                o.writeByte(i % classes);
            }
        }
        return new Path[] {images, labels};
    }

    private static DataOutputStream open(Path p, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(p);
        return new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw);
    }
}
