package org.jlaplace.autodiff.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The generators {@code G} of the affine image transforms, as 3×3 matrices acting on homogeneous
 * normalised coordinates {@code (x, y, 1)} with {@code x, y ∈ [−1, 1]} spanning the image (the
 * convention of {@link org.jlaplace.autodiff.Images#affineGrid}). A transform with extent
 * parameter {@code t} is {@code exp(t·G)}: a rotation by {@code t} radians, a translation by
 * {@code t} normalised units (= {@code t/2} of the image width or height), an isotropic scaling by
 * {@code e^t}, or a horizontal shear {@code x ↦ x + t·y}. The maps act on the sampling positions:
 * the output pixel at {@code p} reads the input at {@code exp(Σ t_i G_i) p}; since the
 * augmentation draws every {@code t} symmetrically around 0, the direction does not matter.
 */
public enum AffineGenerator {
    /** Rotation: {@code [[0, −1, 0], [1, 0, 0], [0, 0, 0]]}. */
    ROTATION("rotation", new double[] {0, -1, 0, 1, 0, 0, 0, 0, 0}),
    /** Horizontal translation: {@code [[0, 0, 1], [0, 0, 0], [0, 0, 0]]}. */
    TRANSLATION_X("translation_x", new double[] {0, 0, 1, 0, 0, 0, 0, 0, 0}),
    /** Vertical translation: {@code [[0, 0, 0], [0, 0, 1], [0, 0, 0]]}. */
    TRANSLATION_Y("translation_y", new double[] {0, 0, 0, 0, 0, 1, 0, 0, 0}),
    /** Isotropic scaling: {@code [[1, 0, 0], [0, 1, 0], [0, 0, 0]]}. */
    SCALE("scale", new double[] {1, 0, 0, 0, 1, 0, 0, 0, 0}),
    /** Horizontal shear: {@code [[0, 1, 0], [0, 0, 0], [0, 0, 0]]}. */
    SHEAR("shear", new double[] {0, 1, 0, 0, 0, 0, 0, 0, 0});

    private final String label;
    private final double[] matrix;

    AffineGenerator(String label, double[] matrix) {
        this.label = label;
        this.matrix = matrix;
    }

    /** The name used in options and metrics, e.g. {@code rotation}, {@code translation_x}. */
    public String label() {
        return label;
    }

    /** The generator as a row-major 3×3 array (a copy). */
    public double[] matrix() {
        return matrix.clone();
    }

    /**
     * An extent in the units people read: radians for rotation, a fraction of the image size for
     * the translations (normalised coordinates span 2 units), the log-scale factor for scaling and
     * the shear factor for shear.
     */
    public double reportedExtent(double eta) {
        return this == TRANSLATION_X || this == TRANSLATION_Y ? eta / 2.0 : eta;
    }

    /**
     * Parses a comma-separated list such as {@code rotation,translation}; {@code translation}
     * stands for both translations. Order follows this enum; duplicates are merged.
     *
     * @throws IllegalArgumentException naming an unknown or empty name and the known names
     */
    public static List<AffineGenerator> parseList(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("invariance: no transform named; known: " + knownNames());
        }
        Set<AffineGenerator> chosen = new LinkedHashSet<>();
        for (String raw : names.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("translation")) {
                chosen.add(TRANSLATION_X);
                chosen.add(TRANSLATION_Y);
                continue;
            }
            AffineGenerator match = null;
            for (AffineGenerator g : values()) {
                if (g.label.equals(name)) {
                    match = g;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("invariance: unknown transform '" + raw.trim() + "'; known: "
                    + knownNames());
            }
            chosen.add(match);
        }
        List<AffineGenerator> ordered = new ArrayList<>();
        for (AffineGenerator g : values()) {
            if (chosen.contains(g)) {
                ordered.add(g);
            }
        }
        return ordered;
    }

    private static String knownNames() {
        List<String> names = new ArrayList<>();
        for (AffineGenerator g : values()) {
            names.add(g.label);
        }
        names.add("translation");
        return String.join(", ", names);
    }

    @Override
    public String toString() {
        return label + Arrays.toString(matrix);
    }
}
