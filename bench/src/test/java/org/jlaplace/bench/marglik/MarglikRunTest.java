package org.jlaplace.bench.marglik;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.core.Rng;
import org.jlaplace.laplace.marglik.HyperStepReport;
import org.jlaplace.laplace.marglik.HyperStepSchedule;
import org.jlaplace.laplace.marglik.InvarianceLearning;
import org.jlaplace.laplace.marglik.MarglikConfig;
import org.jlaplace.laplace.marglik.MarglikState;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * Per-epoch reporting: by default the training metric is the optimiser's running minibatch
 * statistic; {@code evalTrain} replaces it by a full pass over the training set at the end of the
 * epoch. Neither changes the training itself or the test metrics.
 */
class MarglikRunTest {
    private static Dataset data(String name, int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] x = new double[n][16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 16; j++) {
                x[i][j] = 0.4 * rng.nextGaussian() + (j % 3 == labels[i] ? 1 : 0);
            }
        }
        return Dataset.classification(name, x, new int[] {1, 4, 4}, labels, 3, null);
    }

    private static List<EpochRecord> run(MarglikConfig config, boolean evalTrain, Sequential net, Dataset train,
                                         Dataset test) {
        List<EpochRecord> records = new ArrayList<>();
        List<Double> fullPass = new ArrayList<>();
        new MarglikRun(net, train, test, config, Prior.scalar(1), 1.0, 1.0, evalTrain).run(new MarglikRun.Listener() {
            @Override
            public void hyperStep(HyperStepReport report) {
            }

            @Override
            public void epoch(EpochRecord r, MarglikState state) {
                records.add(r);
                if (config.invariance() == null) {
                    fullPass.add(Evaluation.of(net, new TrainingData(train), 1.0).metric());
                }
            }
        });
        if (evalTrain && config.invariance() == null) {
            for (int e = 0; e < records.size(); e++) {
                assertEquals(fullPass.get(e), records.get(e).trainMetric(), "epoch " + (e + 1) + ": a full pass");
            }
        }
        return records;
    }

    @Test
    void evalTrainOnlyChangesTheTrainingMetric() {
        Dataset train = data("train", 45, 1);
        Dataset test = data("test", 15, 2);
        MarglikConfig plain = MarglikConfig.builder().epochs(4).batchSize(8).hyperSchedule(new HyperStepSchedule(1, 2, 2))
                .boundBatchSize(9).seed(3).build();
        MarglikConfig invariance = plain.toBuilder().invariance(new InvarianceLearning(List.of(AffineGenerator.ROTATION), 2,
                true, 0.2, 0.1, new int[] {1, 4, 4})).build();
        for (MarglikConfig config : List.of(plain, invariance)) {
            Sequential a = ArchitectureSpec.build("mlp:8-3:tanh", new int[] {1, 4, 4}, 3, 5);
            Sequential b = ArchitectureSpec.build("mlp:8-3:tanh", new int[] {1, 4, 4}, 3, 5);
            List<EpochRecord> running = run(config, false, a, train, test);
            List<EpochRecord> full = run(config, true, b, train, test);
            assertArrayEquals(flat(a), flat(b), "the same training");
            boolean differs = false;
            for (int e = 0; e < 4; e++) {
                assertEquals(running.get(e).testMetric(), full.get(e).testMetric());
                assertEquals(running.get(e).testLogLikelihood(), full.get(e).testLogLikelihood());
                assertEquals(running.get(e).trainLoss(), full.get(e).trainLoss());
                differs |= running.get(e).trainMetric() != full.get(e).trainMetric();
            }
            assertEquals(true, differs, "the running accuracy is not the end-of-epoch accuracy");
        }
    }

    private static double[] flat(Sequential net) {
        List<Double> v = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            for (double d : p.value().toArray()) {
                v.add(d);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
