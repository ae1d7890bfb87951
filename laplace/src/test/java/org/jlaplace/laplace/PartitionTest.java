package org.jlaplace.laplace;

import org.jlaplace.laplace.partition.Partition;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Partitions cover every index once; grouped batches are class-contiguous. */
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
    void groupedOrderVisitsEachClassOnce() {
        qt().withExamples(50).forAll(integers().between(1, 40), longs().all()).checkAssert((n, seed) -> {
            int[] labels = new int[n];
            Random r = new Random(seed);
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(5);
            }
            Partition p = Partition.grouped(labels, n, seed);
            int[] order = p.batch(0);
            boolean[] finished = new boolean[5];
            for (int i = 1; i < n; i++) {
                if (labels[order[i]] != labels[order[i - 1]]) {
                    finished[labels[order[i - 1]]] = true;
                    assertTrue(!finished[labels[order[i]]], "class " + labels[order[i]] + " appears in two runs");
                }
            }
        });
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
