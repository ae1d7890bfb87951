package org.jlaplace.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.ImageRotation;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.invariance.InvarianceConfig;
import org.jlaplace.laplace.invariance.InvarianceMarglik;
import org.jlaplace.laplace.invariance.InvarianceResult;
import org.jlaplace.laplace.invariance.KernelStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;

/**
 * The acceptance experiment of invariance learning on the 8×8 digits: rotate train and test
 * images by seeded random angles in {@code [−DEG, DEG]}, learn the rotation extent with the
 * marginal likelihood, and compare the rotated-test accuracy with the same network trained
 * without invariance learning. Options {@code key=value}: {@code data} (digits.csv),
 * {@code rotate} (180), {@code train} (1000), {@code epochs} (40), {@code samples} (10),
 * {@code hidden} (64), {@code steps} (5), {@code hyperBatch} (50), {@code seed} (0),
 * {@code baseline} (true), {@code burnin} (10), {@code lr} (3e-3), {@code augLr} (0.05).
 */
public final class InvarianceExperiment {
    private InvarianceExperiment() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            o.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path data = Path.of(o.getOrDefault("data", "../shared/data/digits.csv"));
        double rotate = Double.parseDouble(o.getOrDefault("rotate", "180"));
        int train = Integer.parseInt(o.getOrDefault("train", "1000"));
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "40"));
        int samples = Integer.parseInt(o.getOrDefault("samples", "10"));
        int hidden = Integer.parseInt(o.getOrDefault("hidden", "64"));
        int steps = Integer.parseInt(o.getOrDefault("steps", "5"));
        int hyperBatch = Integer.parseInt(o.getOrDefault("hyperBatch", "50"));
        long seed = Long.parseLong(o.getOrDefault("seed", "0"));
        boolean baseline = Boolean.parseBoolean(o.getOrDefault("baseline", "true"));
        int burnIn = Integer.parseInt(o.getOrDefault("burnin", "10"));
        double lr = Double.parseDouble(o.getOrDefault("lr", "3e-3"));
        double augLr = Double.parseDouble(o.getOrDefault("augLr", "0.05"));

        List<String> lines = Files.readAllLines(data);
        int n = lines.size() - 1;
        double[] x = new double[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 64; j++) {
                x[i * 64 + j] = Double.parseDouble(f[j]) / 16.0;
            }
            y[i] = Integer.parseInt(f[64].trim());
        }
        int[] perm = new Rng(seed).permutation(n);
        int test = n - train;
        Tensor all = Tensor.of(x, n, 64);
        Tensor xTrain = ImageRotation.rotateData(all.indexSelect(0, java.util.Arrays.copyOf(perm, train)),
            new int[] {1, 8, 8}, rotate, seed + 1);
        Tensor xTest = ImageRotation.rotateData(all.indexSelect(0, java.util.Arrays.copyOfRange(perm, train, n)),
            new int[] {1, 8, 8}, rotate, seed + 2);
        double[] yTrain = new double[train];
        int[] yTest = new int[test];
        for (int i = 0; i < train; i++) {
            yTrain[i] = y[perm[i]];
        }
        for (int i = 0; i < test; i++) {
            yTest[i] = y[perm[train + i]];
        }
        System.out.printf("digits: %d train, %d test, rotated by U[-%.0f°, %.0f°]; MLP 64-%d-10 (tanh)%n", train, test,
            rotate, rotate, hidden);
        InvarianceConfig cfg = new InvarianceConfig(List.of(AffineGenerator.ROTATION), samples, true, 0.1, epochs, 64,
            lr, 0.05, augLr, burnIn, 1, steps, hyperBatch, "layerwise", 1.0, KernelStructure.OUTPUTWISE, seed);
        run("invariance", cfg, hidden, xTrain, yTrain, xTest, yTest, seed);
        if (baseline) {
            run("baseline", cfg.withoutInvariance(), hidden, xTrain, yTrain, xTest, yTest, seed);
        }
    }

    private static void run(String name, InvarianceConfig cfg, int hidden, Tensor xTrain, double[] yTrain, Tensor xTest,
                            int[] yTest, long seed) {
        Sequential net = new Sequential(new Rng(seed + 7), new int[] {64}, new Linear(64, hidden), Activation.tanh(),
            new Linear(hidden, 10));
        InvarianceResult r = InvarianceMarglik.train(net, xTrain, yTrain, new int[] {1, 8, 8},
            new CategoricalLikelihood(10), cfg, m -> System.out.printf(
                "%s epoch %d loss %.4f acc %.3f logml/N %.4f rotation %.4f rad  (%.1f s)%n", name, m.epoch(),
                m.trainLoss(), m.trainAccuracy(), m.logMarglik(), m.extents().get("aug_rotation"), m.seconds()));
        double acc = InvarianceMarglik.accuracy(r.model(), xTest, yTest, r.extents(), seed + 3);
        System.out.printf("%s RESULT: rotation extent %.4f rad, rotated-test accuracy %.4f%n", name, r.extents()[0], acc);
    }
}
