package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BatchDimensions;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.bound.LogDetTerm;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link MarginalLikelihood#partitionBound} streams: it gives exactly the prepared partition's value,
 * and no batch is prepared before the previous one's term has been taken; memory estimates do not
 * grow with the number of batches unless statistics are kept.
 */
class StreamingTest {

    @Test
    void streamingEqualsThePreparedPartition() {
        qt().withExamples(30).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s), 10);
                    Partition part = Partition.random(pr.n, 1 + Math.floorMod(seed, pr.n), seed);
                    for (String name : Estimators.names()) {
                        if (name.equals("kron")) {
                            continue; // needs a network
                        }
                        // Fresh estimators: the sampling one draws the same outputs in both runs.
                        BoundValue streamed = Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood,
                                pr.prior, Estimators.byName(name, seed)).partitionBound(part);
                        BoundValue prepared = Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood,
                                pr.prior, Estimators.byName(name, seed)).preparePartition(part)
                                .evaluate(pr.likelihood, pr.prior);
                        assertEquals(prepared.logMarglik(), streamed.logMarglik(), 0.0, name);
                        assertArrayEquals(prepared.gradLogPrecision(), streamed.gradLogPrecision(), 0.0, name);
                        assertEquals(prepared.gradLogSigma(), streamed.gradLogSigma(), 0.0, name);
                    }
                });
    }

    @Test
    void aGridOfPriorsStreamsToThePreparedValues() {
        qt().withExamples(20).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s), 10);
                    Partition part = Partition.random(pr.n, 1 + Math.floorMod(seed, pr.n), seed);
                    List<Prior> grid = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        double[] logs = pr.prior.logPrecisions();
                        for (int k = 0; k < logs.length; k++) {
                            logs[k] += i - 1.5;
                        }
                        grid.add(pr.prior.withLogPrecisions(logs));
                    }
                    for (String name : new String[] {"exact", "kernel", "parametric", "outputwise", "blockdiag"}) {
                        MarginalLikelihood<?> ml = pr.with(name);
                        List<BoundValue> streamed = ml.partitionBounds(part, grid);
                        PreparedBound<?> prepared = ml.preparePartition(part);
                        for (int i = 0; i < grid.size(); i++) {
                            BoundValue want = prepared.evaluate(pr.likelihood, grid.get(i));
                            assertEquals(want.logMarglik(), streamed.get(i).logMarglik(), 0.0, name + " prior " + i);
                            assertArrayEquals(want.gradLogPrecision(), streamed.get(i).gradLogPrecision(), 0.0, name);
                        }
                    }
                });
    }

    @Test
    void aGridOfAnotherPriorStructureIsRejected() {
        RandomProblem pr = RandomProblem.of(4, true, "scalar", 6);
        MarginalLikelihood<?> ml = pr.with("kernel");
        assertThrows(IllegalArgumentException.class, () -> ml.partitionBounds(Partition.contiguous(pr.n, 2),
                List.of(Prior.of("layerwise", 1.0, pr.groups))));
    }

    /** Records the order of prepare and logDetTerm calls and how many statistics are alive. */
    private static final class Recording<S> implements BoundEstimator<S> {
        final BoundEstimator<S> inner;
        final List<String> calls = new ArrayList<>();

        Recording(BoundEstimator<S> inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public boolean isCertifiedBound() {
            return inner.isCertifiedBound();
        }

        @Override
        public S prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
            calls.add("prepare");
            return inner.prepare(batch, likelihood, prior);
        }

        @Override
        public LogDetTerm logDetTerm(S statistics, Likelihood likelihood, Prior prior) {
            calls.add("term");
            return inner.logDetTerm(statistics, likelihood, prior);
        }
    }

    @Test
    void eachBatchIsEvaluatedBeforeTheNextIsPrepared() {
        RandomProblem pr = RandomProblem.of(5, true, "layerwise", 12);
        Recording<?> rec = new Recording<>(Estimators.byName("parametric"));
        Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood, pr.prior, rec)
                .partitionBound(Partition.contiguous(pr.n, 1));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < pr.n; i++) {
            expected.add("prepare");
            expected.add("term");
        }
        assertEquals(expected, rec.calls);
    }

    @Test
    void streamingMemoryDoesNotGrowWithTheNumberOfBatches() {
        RandomProblem small = RandomProblem.of(11, true, "scalar", 12);
        for (String name : new String[] {"kernel", "parametric", "outputwise", "diag", "blockdiag", "trace-kernel"}) {
            MarginalLikelihood<?> ml = small.with(name);
            int n = small.n;
            long oneBatch = ml.estimatedBytes(1);
            assertEquals(oneBatch, ml.estimatedBytes(Partition.contiguous(n, 1), false), name);
            long kept = ml.estimatedBytes(Partition.contiguous(n, 1), true);
            BatchDimensions d = new BatchDimensions(1, small.c, small.likelihood.thinFactorRank(),
                    small.groups.totalSize(), sizes(small), 1);
            long perBatch = ml.estimator().statisticsBytes(d) + 8L * (small.c + 1);
            assertEquals(oneBatch + n * perBatch, kept, name + ": kept statistics");
            assertTrue(ml.estimatedBytes(Partition.contiguous(n, n), false) >= oneBatch, name);
        }
    }

    private static int[] sizes(RandomProblem pr) {
        int[] s = new int[pr.groups.count()];
        for (int g = 0; g < s.length; g++) {
            s[g] = pr.groups.size(g);
        }
        return s;
    }

    /**
     * The parametric bound with one datum per batch on a P = 2410 shape keeps a {@code R×P} kernel
     * form, not {@code P×P}: 300 batches kept fit in a few MB, and one batch's working set is far
     * below one {@code P×P} matrix.
     */
    @Test
    void oneDatumParametricBatchesNeverFormTheParameterMatrix() {
        BoundEstimator<?> parametric = Estimators.byName("parametric");
        BatchDimensions one = new BatchDimensions(1, 10, 9, 2410, new int[] {2048, 32, 320, 10}, 4);
        long pSquared = 8L * 2410 * 2410;
        assertTrue(parametric.workingBytes(one) < pSquared / 100, "one batch: " + parametric.workingBytes(one));
        assertTrue(300 * parametric.statisticsBytes(one) < pSquared, "300 kept batches");
        BatchDimensions all = new BatchDimensions(1797, 10, 9, 2410, new int[] {2048, 32, 320, 10}, 4);
        BoundEstimator<?> kernel = Estimators.byName("kernel");
        assertEquals(pSquared, kernel.statisticsBytes(all), "all digits in one batch: the P×P form");
    }
}
