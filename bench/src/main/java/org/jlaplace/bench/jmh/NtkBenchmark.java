package org.jlaplace.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.ntk.Ntk;
import org.jlaplace.autodiff.ntk.NtkMethod;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to compute the full-output NTK ({@code m·C × m·C}) of one batch from its inputs, on one
 * thread, by each {@link NtkMethod} ({@code contraction}, {@code ntkvp}, {@code structured}), for
 * three models: {@code mlp_small} 64-32-10 tanh, {@code mlp_wide} 64-256-256-10 tanh (85 002
 * parameters), {@code cnn} Conv2d(1,4,3)-ReLU-MaxPool2d(2)-Flatten-Linear(36,10) on 1×8×8.
 * {@link Training} times mlp_wide's forward pass against its loss gradient at batch 250.
 * {@link #main} measures time and peak heap of the structured kernel of mlp_wide at m = 250; run
 * it with {@code -Xmx256m} to check the memory target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djlaplace.threads=1"})
public class NtkBenchmark {

    @Param({"contraction", "ntkvp", "structured"})
    public String method;

    @Param({"mlp_small", "mlp_wide", "cnn"})
    public String model;

    @Param({"10", "50", "100", "250"})
    public int m;

    private Sequential network;
    private Tensor inputs;
    private NtkMethod ntkMethod;

    @Setup(Level.Trial)
    public void setUp() {
        network = model(model);
        inputs = new Rng(1).normal(0, 1, batchShape(m, network.inputShape()));
        ntkMethod = method(method);
    }

    @Benchmark
    public Tensor kernel() {
        return Ntk.kernel(network, inputs, ntkMethod);
    }

    /** mlp_wide at batch 250: the fast forward pass and the gradient of the cross-entropy loss. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djlaplace.threads=1"})
    public static class Training {
        private Sequential network;
        private Tensor inputs;
        private int[] labels;

        @Setup(Level.Trial)
        public void setUp() {
            network = model("mlp_wide");
            Rng rng = new Rng(2);
            inputs = rng.normal(0, 1, 250, 64);
            labels = new int[250];
            for (int n = 0; n < labels.length; n++) {
                labels[n] = rng.nextInt(10);
            }
        }

        @Benchmark
        public Tensor forward() {
            return network.forward(inputs);
        }

        @Benchmark
        public Tensor lossGradient() {
            var trace = network.trace(inputs);
            var loss = Losses.crossEntropy(trace.output(), labels, Losses.Reduction.MEAN);
            return trace.backwardFlat(loss.gradient());
        }
    }

    private static void table(double seconds) {
        for (String modelName : new String[] {"mlp_small", "mlp_wide", "cnn"}) {
            Sequential network = model(modelName);
            for (int batch : new int[] {10, 50, 100, 250}) {
                Tensor x = new Rng(1).normal(0, 1, batchShape(batch, network.inputShape()));
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s m=%3d", modelName, batch));
                for (String methodName : new String[] {"contraction", "ntkvp", "structured"}) {
                    NtkMethod ntkMethod = method(methodName);
                    double best = Double.POSITIVE_INFINITY;
                    long deadline = System.nanoTime() + (long) (seconds * 1e9);
                    for (int i = 0; i < 2 || System.nanoTime() < deadline; i++) {
                        long start = System.nanoTime();
                        Ntk.kernel(network, x, ntkMethod);
                        best = Math.min(best, (System.nanoTime() - start) / 1e9);
                    }
                    line.append(String.format(Locale.ROOT, "  %s %.4f s", methodName, best));
                }
                System.out.println(line);
            }
        }
    }

    private static void timeTraining(int repeats) {
        Training t = new Training();
        t.setUp();
        double forward = Double.POSITIVE_INFINITY;
        double gradient = Double.POSITIVE_INFINITY;
        double checksum = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            checksum += t.forward().get(0, 0);
            long mid = System.nanoTime();
            checksum += t.lossGradient().get(0);
            long end = System.nanoTime();
            forward = Math.min(forward, (mid - start) / 1e9);
            gradient = Math.min(gradient, (end - mid) / 1e9);
        }
        System.out.printf(Locale.ROOT, "mlp_wide batch 250: forward best %.5f s, loss gradient best %.5f s, ratio %.2f"
                + " (%d runs, checksum %.6g)%n", forward, gradient, gradient / forward, repeats, checksum);
    }

    static Sequential model(String name) {
        Rng rng = new Rng(0);
        switch (name) {
            case "mlp_small":
                return new Sequential(rng, new int[] {64}, new Linear(64, 32), Activation.tanh(), new Linear(32, 10));
            case "mlp_wide":
                return new Sequential(rng, new int[] {64}, new Linear(64, 256), Activation.tanh(),
                        new Linear(256, 256), Activation.tanh(), new Linear(256, 10));
            case "cnn":
                return new Sequential(rng, new int[] {1, 8, 8}, new Conv2d(1, 4, 3), Activation.relu(),
                        new MaxPool2d(2), new Flatten(), new Linear(36, 10));
            default:
                throw new IllegalArgumentException("NtkBenchmark: unknown model " + name);
        }
    }

    static NtkMethod method(String name) {
        switch (name) {
            case "contraction":
                return NtkMethod.CONTRACTION;
            case "ntkvp":
                return NtkMethod.NTK_VECTOR_PRODUCT;
            case "structured":
                return NtkMethod.STRUCTURED;
            default:
                throw new IllegalArgumentException("NtkBenchmark: unknown method " + name);
        }
    }

    private static int[] batchShape(int m, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = m;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /**
     * Memory and time check outside JMH: {@code java -Xmx256m --add-modules jdk.incubator.vector
     * -Djlaplace.threads=1 -cp benchmarks.jar org.jlaplace.bench.jmh.NtkBenchmark [model m method repeats]}
     * prints the best time of the kernel; completing under {@code -Xmx} is the memory check (the
     * printed sum of per-pool peaks over-estimates the heap ever in use at once). With the single
     * argument {@code training [repeats]} it prints the best times of {@link Training}'s two
     * operations instead; {@code table [seconds]} prints the best time of every (model, m, method)
     * in one JVM, repeating each for about the given seconds (at least twice).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("training")) {
            timeTraining(args.length > 1 ? Integer.parseInt(args[1]) : 50);
            return;
        }
        if (args.length > 0 && args[0].equals("table")) {
            table(args.length > 1 ? Double.parseDouble(args[1]) : 3.0);
            return;
        }
        String modelName = args.length > 0 ? args[0] : "mlp_wide";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        NtkMethod ntkMethod = method(args.length > 2 ? args[2] : "structured");
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Sequential network = model(modelName);
        Tensor x = new Rng(1).normal(0, 1, batchShape(batch, network.inputShape()));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        double best = Double.POSITIVE_INFINITY;
        double checksum = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            Tensor k = Ntk.kernel(network, x, ntkMethod);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            checksum += k.get(0, 0);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%s m=%d %s: P=%d kernel %dx%d best %.4f s over %d runs, completed with max heap %.0f MB"
                        + " (sum of pool peaks %.1f MB; checksum %.6g)%n", modelName, batch, ntkMethod, network.numParameters(),
                batch * network.outputSize(), batch * network.outputSize(), best, repeats,
                Runtime.getRuntime().maxMemory() / 1e6, peak / 1e6, checksum);
    }
}
