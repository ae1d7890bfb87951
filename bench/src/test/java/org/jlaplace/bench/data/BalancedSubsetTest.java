package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --subset N}: seeded, class-balanced, rows distinct and in file order. */
class BalancedSubsetTest {

    /** Rows whose single feature is the row index, so a subset shows which rows it took. */
    private static Dataset indexed(int[] labels, int classes) {
        double[][] x = new double[labels.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i};
        }
        return Dataset.classification("test", x, new int[] {1}, labels, classes, null);
    }

    @Test
    void everyClassGetsItsShareOrAllItHas() {
        qt().withExamples(150).forAll(integers().between(1, 200), integers().between(1, 7), longs().all())
                .checkAssert((n, classes, seed) -> {
                    Random r = new Random(seed);
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        // Skewed class sizes: class c is drawn with weight c + 1.
                        labels[i] = (int) Math.floor(Math.sqrt(r.nextDouble()) * classes);
                    }
                    int size = 1 + r.nextInt(n);
                    Dataset s = BalancedSubset.of(indexed(labels, classes), size, seed);
                    assertEquals(size, s.size());
                    Set<Integer> rows = new HashSet<>();
                    double previous = -1;
                    int[] have = new int[classes];
                    int[] got = new int[classes];
                    for (int label : labels) {
                        have[label]++;
                    }
                    for (int i = 0; i < s.size(); i++) {
                        int row = (int) s.x(i)[0];
                        assertTrue(rows.add(row), "row " + row + " twice");
                        assertTrue(row > previous, "file order");
                        previous = row;
                        assertEquals(labels[row], s.label(i));
                        got[s.label(i)]++;
                    }
                    // Balanced: a class that got fewer rows than another by more than one gave all it has.
                    for (int a = 0; a < classes; a++) {
                        for (int b = 0; b < classes; b++) {
                            if (got[a] + 1 < got[b]) {
                                assertEquals(have[a], got[a], "class " + a + " " + java.util.Arrays.toString(got));
                            }
                        }
                    }
                });
    }

    @Test
    void theSeedChoosesTheRowsAndRepeatsThem() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        Dataset d = indexed(labels, 4);
        Dataset a = BalancedSubset.of(d, 20, 1);
        assertArrayEquals(a.flatInputs(), BalancedSubset.of(d, 20, 1).flatInputs());
        assertNotEquals(java.util.Arrays.toString(a.flatInputs()), java.util.Arrays.toString(BalancedSubset.of(d, 20, 2).flatInputs()));
        int[] perClass = new int[4];
        for (int label : a.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {5, 5, 5, 5}, perClass);
    }

    @Test
    void aSubsetLargerThanTheDataIsRefused() {
        Dataset d = indexed(new int[] {0, 1, 0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BalancedSubset.of(d, 4, 0));
        assertTrue(e.getMessage().contains("larger than the data"), e.getMessage());
        assertEquals(3, BalancedSubset.of(d, 3, 0).size());
    }
}
