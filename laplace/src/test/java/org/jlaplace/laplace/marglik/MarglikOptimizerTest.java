package org.jlaplace.laplace.marglik;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * The one marginal-likelihood loop on tiny problems: plain and invariance runs step on the epochs
 * of the shared schedule, runs are reproducible bit for bit, the reported running loss is the
 * minibatch objective, σ is learned for regression, and inconsistent settings are refused.
 */
class MarglikOptimizerTest {
    private static final int N = 36;
    private static final int SIDE = 4;
    private static final int CLASSES = 3;

    /** {@code N} inputs of {@code SIDE²} values whose class is the brightest third of the image. */
    private static Tensor inputs(double[] labels) {
        Rng rng = new Rng(5);
        double[] x = new double[N * SIDE * SIDE];
        for (int i = 0; i < N; i++) {
            int c = i % CLASSES;
            labels[i] = c;
            for (int j = 0; j < SIDE * SIDE; j++) {
                x[i * SIDE * SIDE + j] = 0.3 * rng.nextGaussian() + (j * CLASSES / (SIDE * SIDE) == c ? 1.0 : 0.0);
            }
        }
        return Tensor.of(x, N, SIDE * SIDE);
    }

    private static Sequential network(int outputs) {
        return new Sequential(new Rng(2), new int[] {SIDE * SIDE}, new Linear(SIDE * SIDE, 6), Activation.tanh(),
                new Linear(6, outputs));
    }

    private static MarglikConfig.Builder base() {
        return MarglikConfig.builder().epochs(9).batchSize(8).optimizer(NetworkOptimizer.adam(0.01, new RateSchedule.Cosine(1e-4)))
                .hyperSchedule(new HyperStepSchedule(2, 3, 2)).hyperLearningRate(0.1).boundBatchSize(12)
                .partition(PartitionScheme.GROUPED).seed(7);
    }

    private static InvarianceLearning rotation() {
        return new InvarianceLearning(List.of(AffineGenerator.ROTATION), 2, true, 0.2, 0.1, new int[] {1, SIDE, SIDE});
    }

    /** Records the epoch of every hyper-step and every epoch report. */
    private static final class Recorder implements MarglikListener {
        final List<Integer> stepEpochs = new ArrayList<>();
        final List<EpochReport> epochs = new ArrayList<>();

        @Override
        public void epoch(EpochReport report) {
            epochs.add(report);
        }

        @Override
        public void hyperStep(HyperStepReport report) {
            stepEpochs.add(report.epoch());
            assertEquals(stepEpochs.size(), report.step());
        }
    }

    private static MarglikResult run(MarglikConfig config, Sequential net, Recorder rec) {
        double[] labels = new double[N];
        Tensor x = inputs(labels);
        return new MarglikOptimizer(config).train(net, x, labels, new CategoricalLikelihood(CLASSES),
                Prior.layerwise(1, 1, 1, 1), rec);
    }

    @Test
    void plainAndInvarianceRunsStepOnTheSameEpochs() {
        Recorder plain = new Recorder();
        Recorder invariance = new Recorder();
        run(base().build(), network(CLASSES), plain);
        run(base().invariance(rotation()).build(), network(CLASSES), invariance);
        HyperStepSchedule schedule = base().build().hyperSchedule();
        List<Integer> expected = new ArrayList<>();
        for (int e = 1; e <= 9; e++) {
            for (int k = 0; k < schedule.stepsAfter(e); k++) {
                expected.add(e);
            }
        }
        assertEquals(List.of(5, 5, 8, 8), expected, "rounds after epochs B + F and B + 2F");
        assertEquals(expected, plain.stepEpochs);
        assertEquals(expected, invariance.stepEpochs);
        for (Recorder r : List.of(plain, invariance)) {
            assertEquals(9, r.epochs.size());
            for (EpochReport e : r.epochs) {
                assertEquals(schedule.stepsAfter(e.epoch()) > 0, !Double.isNaN(e.logMarglik()), "epoch " + e.epoch());
            }
        }
        assertTrue(plain.epochs.get(8).extents().isEmpty());
        assertThrows(IllegalStateException.class, () -> run(base().epochs(1).build(), network(CLASSES), new Recorder())
                .augmentedModel());
        assertNotEquals(0.2, invariance.epochs.get(8).eta()[0], "the extent is learned");
    }

    @Test
    void aRunIsReproducibleBitForBit() {
        for (MarglikConfig config : List.of(base().build(), base().invariance(rotation()).build())) {
            Sequential a = network(CLASSES);
            Sequential b = network(CLASSES);
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            MarglikResult first = run(config, a, ra);
            MarglikResult second = run(config, b, rb);
            assertArrayEquals(flat(a), flat(b));
            assertArrayEquals(first.prior().logPrecisions(), second.prior().logPrecisions());
            assertArrayEquals(first.eta(), second.eta());
            for (int e = 0; e < 9; e++) {
                assertEquals(ra.epochs.get(e).trainLoss(), rb.epochs.get(e).trainLoss());
                assertEquals(ra.epochs.get(e).logMarglik(), rb.epochs.get(e).logMarglik());
            }
            assertEquals(first.boundEstimate(2, 3), second.boundEstimate(2, 3));
            Sequential c = network(CLASSES);
            run(config.toBuilder().seed(8).build(), c, new Recorder());
            assertFalse(java.util.Arrays.equals(flat(a), flat(c)), "another seed, another run");
        }
    }

    /**
     * At a vanishing learning rate the parameters stay put, so the running loss of the first epoch
     * is the regularised objective {@code −(1/N) Σ log p(y|f) + (1/(2N)) Σ δ θ²} of the initial network.
     */
    @Test
    void theRunningLossIsTheMinibatchObjective() {
        double[] labels = new double[N];
        Tensor x = inputs(labels);
        Sequential net = network(CLASSES);
        double delta = 2.5;
        double want = 0;
        double[] f = net.forward(x).toArray();
        int correct = 0;
        for (int i = 0; i < N; i++) {
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < CLASSES; c++) {
                if (f[i * CLASSES + c] > max) {
                    max = f[i * CLASSES + c];
                    best = c;
                }
            }
            double z = 0;
            for (int c = 0; c < CLASSES; c++) {
                z += Math.exp(f[i * CLASSES + c] - max);
            }
            want -= (f[i * CLASSES + (int) labels[i]] - max - Math.log(z)) / N;
            correct += best == (int) labels[i] ? 1 : 0;
        }
        double sq = 0;
        for (double t : flat(net)) {
            sq += t * t;
        }
        want += 0.5 * delta * sq / N;
        Recorder rec = new Recorder();
        MarglikConfig config = base().epochs(1).optimizer(NetworkOptimizer.adam(1e-15, new RateSchedule.Constant()))
                .hyperSchedule(HyperStepSchedule.never()).build();
        new MarglikOptimizer(config).train(net, x, labels, new CategoricalLikelihood(CLASSES), Prior.scalar(delta), rec);
        assertEquals(want, rec.epochs.get(0).trainLoss(), 1e-9 * Math.abs(want));
        assertEquals((double) correct / N, rec.epochs.get(0).trainMetric(), 1e-12);
    }

    @Test
    void regressionLearnsSigmaAndReportsRmse() {
        double[] labels = new double[N];
        Tensor x = inputs(labels);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = labels[i] - 1;
        }
        Recorder rec = new Recorder();
        MarglikConfig config = base().partition(PartitionScheme.RANDOM).build();
        MarglikResult r = new MarglikOptimizer(config).train(network(1), x, y, new GaussianLikelihood(1, 1.0, 1.0),
                Prior.scalar(1), rec);
        double sigma = ((GaussianLikelihood) r.likelihood()).sigma();
        assertNotEquals(1.0, sigma, "σ is a hyperparameter");
        assertEquals(sigma, rec.epochs.get(8).sigma());
        assertEquals(1.0, rec.epochs.get(3).sigma(), "no step before epoch 5");
        assertTrue(rec.epochs.get(8).trainMetric() > 0 && rec.epochs.get(8).trainMetric() < 2, "RMSE "
                + rec.epochs.get(8).trainMetric());
        assertTrue(Double.isFinite(r.boundEstimate(3, 1)));
    }

    @Test
    void anEstimatorObjectSelectsItsRegistryEntry() {
        assertEquals("outputwise", base().estimator(org.jlaplace.laplace.bound.Estimators.byName("outputwise")).build()
                .estimator());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base().estimator(org.jlaplace.laplace.bound.Estimators.exact()).build()).getMessage().contains("exact"));
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base().estimator("exact").build()).getMessage()
                .contains("exact"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base().estimator("nope").build()).getMessage()
                .contains("nope"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base().estimator("parametric").invariance(rotation()).build()).getMessage().contains("parametric"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base().partition(PartitionScheme.CONTIGUOUS).invariance(rotation()).build()).getMessage()
                .contains("contiguous"));
        assertThrows(IllegalArgumentException.class, () -> base().epochs(0).build());
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule.Exponential(1.5));
        assertThrows(IllegalArgumentException.class, () -> NetworkOptimizer.sgd(0.1, 1.0, new RateSchedule.Constant()));
        double[] y = new double[N];
        IllegalArgumentException grouped = assertThrows(IllegalArgumentException.class,
                () -> new MarglikOptimizer(base().build()).train(network(1), inputs(new double[N]), y,
                        new GaussianLikelihood(1, 1.0, 1.0), Prior.scalar(1), null));
        assertTrue(grouped.getMessage().contains("grouped"), grouped.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new MarglikOptimizer(base().build()).train(network(CLASSES), inputs(new double[N]), new double[N - 1],
                        new CategoricalLikelihood(CLASSES), Prior.scalar(1), null));
        assertTrue(count.getMessage().contains("35 target values"), count.getMessage());
    }

    /** Keeps the state after one epoch. */
    private static final class Keeper implements MarglikListener {
        private final int epoch;
        private final boolean interrupt;
        MarglikState kept;

        Keeper(int epoch, boolean interrupt) {
            this.epoch = epoch;
            this.interrupt = interrupt;
        }

        @Override
        public void epoch(EpochReport report) {
        }

        @Override
        public void checkpoint(MarglikState state) {
            if (state.epochsDone() == epoch) {
                kept = state;
                if (interrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A run interrupted after epoch 4, its state written and read back, and resumed on a freshly
     * initialised network, ends bitwise where the uninterrupted run ends: parameters, prior, σ,
     * extents, every epoch report and the final bound estimate. Covers plain classification,
     * regression (σ learned) and invariance learning.
     */
    @Test
    void aResumedRunEndsBitwiseWhereTheUninterruptedRunEnds() throws java.io.IOException {
        double[] labels = new double[N];
        Tensor x = inputs(labels);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = labels[i] - 1;
        }
        record Case(MarglikConfig config, double[] targets, org.jlaplace.laplace.likelihood.Likelihood likelihood, int outputs) {
        }
        List<Case> cases = List.of(new Case(base().build(), labels, new CategoricalLikelihood(CLASSES), CLASSES),
                new Case(base().partition(PartitionScheme.RANDOM).build(), y, new GaussianLikelihood(1, 0.7, 1.0), 1),
                new Case(base().invariance(rotation()).build(), labels, new CategoricalLikelihood(CLASSES), CLASSES));
        for (Case c : cases) {
            Sequential straight = network(c.outputs());
            MarglikResult want = new MarglikOptimizer(c.config()).train(straight, x, c.targets(), c.likelihood(),
                    Prior.layerwise(1, 1, 1, 1), null);
            Sequential stopped = network(c.outputs());
            Keeper keeper = new Keeper(4, true);
            MarglikResult partial = new MarglikOptimizer(c.config()).train(stopped, x, c.targets(), c.likelihood(),
                    Prior.layerwise(1, 1, 1, 1), keeper);
            assertTrue(Thread.interrupted(), "the listener interrupted the training thread");
            assertEquals(4, partial.history().size(), "an interrupted run stops after the current epoch");
            assertFalse(partial.completed());
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            MarglikStateFormat.write(keeper.kept, bytes);
            MarglikState read = MarglikStateFormat.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
            Sequential resumed = new Sequential(new Rng(99), new int[] {SIDE * SIDE}, new Linear(SIDE * SIDE, 6),
                    Activation.tanh(), new Linear(6, c.outputs()));
            MarglikResult got = new MarglikOptimizer(c.config()).resume(read, resumed, x, c.targets(), c.likelihood(),
                    Prior.layerwise(1, 1, 1, 1), null);
            assertTrue(got.completed());
            assertArrayEquals(flat(straight), flat(resumed), 0.0);
            assertArrayEquals(want.prior().logPrecisions(), got.prior().logPrecisions(), 0.0);
            assertEquals(want.likelihood(), got.likelihood());
            assertArrayEquals(want.eta(), got.eta(), 0.0);
            assertEquals(9, got.history().size());
            for (int e = 0; e < 9; e++) {
                EpochReport a = want.history().get(e);
                EpochReport b = got.history().get(e);
                assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
                assertEquals(a.trainMetric(), b.trainMetric(), 0.0);
                assertEquals(a.logMarglik(), b.logMarglik(), 0.0);
                assertArrayEquals(a.priorPrecisions(), b.priorPrecisions(), 0.0);
                assertEquals(a.extents(), b.extents());
            }
            assertEquals(want.boundEstimate(2, 5), got.boundEstimate(2, 5), 0.0);
        }
    }

    @Test
    void aDamagedStateIsNeverReadAsComplete() throws java.io.IOException {
        Keeper keeper = new Keeper(2, false);
        double[] labels = new double[N];
        new MarglikOptimizer(base().epochs(3).build()).train(network(CLASSES), inputs(labels), labels,
                new CategoricalLikelihood(CLASSES), Prior.scalar(1), keeper);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        MarglikStateFormat.write(keeper.kept, out);
        byte[] good = out.toByteArray();
        for (int cut : new int[] {0, 7, 16, good.length / 2, good.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(good, cut);
            assertThrows(java.io.IOException.class,
                    () -> MarglikStateFormat.read(new java.io.ByteArrayInputStream(part)), "cut at " + cut);
        }
        for (int at : new int[] {3, 20, good.length / 2, good.length - 3}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            assertThrows(java.io.IOException.class,
                    () -> MarglikStateFormat.read(new java.io.ByteArrayInputStream(bad)), "flipped byte " + at);
        }
        MarglikState back = MarglikStateFormat.read(new java.io.ByteArrayInputStream(good));
        assertEquals(2, back.epochsDone());
        assertArrayEquals(keeper.kept.parameters(), back.parameters(), 0.0);
        IllegalArgumentException more = assertThrows(IllegalArgumentException.class,
                () -> new MarglikOptimizer(base().epochs(1).build()).resume(back, network(CLASSES), inputs(labels), labels,
                        new CategoricalLikelihood(CLASSES), Prior.scalar(1), null));
        assertTrue(more.getMessage().contains("2 completed epochs"), more.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MarglikOptimizer(base().build()).resume(back,
                network(CLASSES), inputs(labels), labels, new CategoricalLikelihood(CLASSES), Prior.layerwise(1, 1, 1, 1),
                null), "a scalar-prior state does not fit a layerwise run");
    }

    private static double[] flat(Sequential net) {
        List<Double> v = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            for (double d : p.value().toArray()) {
                v.add(d);
            }
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
