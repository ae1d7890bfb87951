package org.jlaplace.laplace;

import org.jlaplace.laplace.partition.Partition;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Partitions cover every index once; grouped batches hold M samples of one class (plus one remainder per class). */
class PartitionTest {

    @Test
    void everyKindIsAPartition() {
        qt().withExamples(100).forAll(integers().between(1, 50), integers().between(1, 60), longs().all())
                .checkAssert((n, m, seed) -> {
                    int[] labels = new int[n];
                    Random r = new Random(seed);
                    for (int i = 0; i < n; i++) {
                        labels[i] = r.nextInt(4);
                    }
                    for (Partition p : new Partition[] {Partition.contiguous(n, m), Partition.random(n, m, seed),
                            Partition.grouped(labels, m, seed), Partition.random(n, m, seed).refine(1 + m / 2)}) {
                        // Partition.of validates coverage and uniqueness.
                        Partition checked = Partition.of(p.batches(), n);
                        assertEquals(n, checked.dataSize());
                        for (int b = 0; b < p.batchCount(); b++) {
                            assertTrue(p.batch(b).length <= m);
                        }
                    }
                    assertEquals((n + m - 1) / m, Partition.contiguous(n, m).batchCount());
                });
    }

    @Test
    void groupedBatchesHoldMSamplesOfOneClassAndOneRemainderPerClass() {
        qt().withExamples(200).forAll(integers().between(1, 300), integers().between(1, 6), integers().between(1, 80),
                longs().all()).checkAssert((n, classes, m, seed) -> {
                    int[] labels = new int[n];
                    Random r = new Random(seed);
                    for (int i = 0; i < n; i++) {
                        labels[i] = r.nextInt(classes);
                    }
                    Partition p = Partition.grouped(labels, m, seed);
                    Partition.of(p.batches(), n);
                    int[] count = new int[classes];
                    for (int label : labels) {
                        count[label]++;
                    }
                    int[] full = new int[classes];
                    int[] smaller = new int[classes];
                    for (int[] b : p.batches()) {
                        int c = labels[b[0]];
                        for (int i : b) {
                            assertEquals(c, labels[i], "a batch mixes classes");
                        }
                        if (b.length == m) {
                            full[c]++;
                        } else {
                            assertTrue(b.length < m, "batch of " + b.length + " > M = " + m);
                            assertEquals(count[c] % m, b.length, "the smaller batch of class " + c + " is its remainder");
                            smaller[c]++;
                        }
                    }
                    for (int c = 0; c < classes; c++) {
                        assertEquals(count[c] / m, full[c], "full batches of class " + c);
                        assertEquals(count[c] % m == 0 ? 0 : 1, smaller[c], "remainder batches of class " + c);
                    }
                });
    }

    @Test
    void groupedBatchesOfAClassComeTogetherInARandomClassOrder() {
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        java.util.Set<String> orders = new java.util.HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            Partition p = Partition.grouped(labels, 7, seed);
            StringBuilder order = new StringBuilder();
            for (int[] b : p.batches()) {
                char c = (char) ('a' + labels[b[0]]);
                if (order.length() == 0 || order.charAt(order.length() - 1) != c) {
                    assertTrue(order.indexOf(String.valueOf(c)) < 0, "class " + c + " appears in two runs");
                    order.append(c);
                }
            }
            orders.add(order.toString());
        }
        assertTrue(orders.size() > 1, "the class order does not depend on the seed: " + orders);
    }

    @Test
    void drawIsUniformForEqualBatchesAndSizeWeightedOtherwise() {
        Partition equal = Partition.random(40, 10, 3);
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(new SplittableRandom(seed).nextInt(4), equal.drawIndex(new SplittableRandom(seed)),
                    "equal batches keep the uniform draw");
        }
        // Class 0 has 25 samples, class 1 has 7: batches of 10, 10, 5 and 7 with M = 10.
        int[] labels = new int[32];
        for (int i = 25; i < 32; i++) {
            labels[i] = 1;
        }
        Partition p = Partition.grouped(labels, 10, 1);
        int[] hits = new int[p.batchCount()];
        SplittableRandom rng = new SplittableRandom(9);
        int draws = 64_000;
        for (int k = 0; k < draws; k++) {
            hits[p.drawIndex(rng)]++;
        }
        double total = 0;
        for (int b = 0; b < p.batchCount(); b++) {
            double prob = p.batch(b).length / 32.0;
            assertEquals(prob, p.drawProbability(b), 1e-15);
            total += p.drawProbability(b);
            double sd = Math.sqrt(draws * prob * (1 - prob));
            assertEquals(draws * prob, hits[b], 5 * sd, "batch " + b + " of size " + p.batch(b).length);
        }
        assertEquals(1.0, total, 1e-12);
    }

    @Test
    void badPartitionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Partition.contiguous(5, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Partition.of(java.util.List.of(new int[] {0, 1}, new int[] {1}), 3));
        assertTrue(e.getMessage().contains("index 1 appears twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Partition.of(java.util.List.of(new int[] {0, 1}), 3));
        assertTrue(e.getMessage().contains("covers 2 of 3"), e.getMessage());
    }
}
