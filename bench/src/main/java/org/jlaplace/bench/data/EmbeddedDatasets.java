package org.jlaplace.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The small public data sets shipped inside the jar (licences in the NOTICE file), plus the
 * synthetic {@code sine} regression set. Values are as published; the digits images have shape
 * {@code [1, 8, 8]} with pixel values 0..16.
 */
public final class EmbeddedDatasets {
    /** Names accepted by {@code --dataset}. */
    public static final List<String> NAMES = List.of("digits", "iris", "wine", "breast_cancer", "diabetes", "sine");

    private EmbeddedDatasets() {
    }

    /** Loads {@code name}; {@code seed} only matters for {@code sine}. */
    public static Dataset load(String name, long seed) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "digits":
                return csv(n, Task.CLASSIFICATION).reshaped(1, 8, 8);
            case "iris":
            case "wine":
            case "breast_cancer":
                return csv(n, Task.CLASSIFICATION);
            case "diabetes":
                return csv(n, Task.REGRESSION);
            case "sine":
                return SineDataset.generate(SineDataset.DEFAULT_SIZE, SineDataset.DEFAULT_NOISE, seed);
            default:
                throw new IllegalArgumentException("--dataset '" + name + "' is not one of " + String.join(", ", NAMES));
        }
    }

    /** The likelihood the named data set calls for. */
    public static Task taskOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("diabetes") || n.equals("sine") ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    private static Dataset csv(String name, Task task) {
        String resource = name + ".csv";
        try (InputStream in = EmbeddedDatasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded data set " + resource + " is missing from the jar");
            }
            return CsvLoader.read(new InputStreamReader(in, StandardCharsets.UTF_8), "dataset:" + name, task, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading embedded data set " + resource, e);
        }
    }
}
