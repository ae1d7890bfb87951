package org.jlaplace.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jlaplace.core.conv.ConvGeometry;
import org.jlaplace.core.conv.ConvKernels;
import org.jlaplace.core.conv.FloatConvKernels;
import org.jlaplace.core.conv.FloatPoolKernels;
import org.jlaplace.core.conv.PoolKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batched convolution and pooling kernels on raw arrays, float32 ({@link FloatConvKernels},
 * {@link FloatPoolKernels}) against float64 ({@link ConvKernels}, {@link PoolKernels}), on the two
 * layers of {@code cnn:16-32:128-10} at batch 64: {@code 1×28×28 → 16} and {@code 16×14×14 → 32}
 * channels, 3×3 filters, stride 1, padding 1, each followed by 2×2 max pooling. The forward pass,
 * both adjoints and the pooling forward pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvKernelsBenchmark {

    /** {@code inChannels x size x size -> outChannels}. */
    @Param({"1x28x28-16", "16x14x14-32"})
    public String layer;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"1", "2"})
    public int threads;

    private static final int BATCH = 64;

    private ConvGeometry conv;
    private ConvGeometry pool;
    private int outC;
    private float[] xf;
    private float[] wf;
    private float[] bf;
    private float[] gyf;
    private float[] yf;
    private float[] dxf;
    private float[] dwf;
    private float[] pooledF;
    private double[] xd;
    private double[] wd;
    private double[] bd;
    private double[] gyd;
    private double[] yd;
    private double[] dxd;
    private double[] dwd;
    private double[] pooledD;
    private int[] argmax;

    @Setup
    public void setUp() {
        String[] parts = layer.split("[x-]");
        int c = Integer.parseInt(parts[0]);
        int size = Integer.parseInt(parts[1]);
        outC = Integer.parseInt(parts[3]);
        conv = ConvGeometry.of("bench", new int[] {BATCH, c, size, size}, 3, 3, 1, 1);
        pool = ConvGeometry.of("bench", new int[] {BATCH, outC, size, size}, 2, 2, 2, 0);
        int xs = BATCH * conv.imageSize();
        int ws = outC * conv.patchSize();
        int ys = BATCH * outC * conv.outPositions();
        SplittableRandom rnd = new SplittableRandom(7);
        xd = random(rnd, xs);
        wd = random(rnd, ws);
        bd = random(rnd, outC);
        gyd = random(rnd, ys);
        yd = random(rnd, ys);
        dxd = new double[xs];
        dwd = new double[ws];
        pooledD = new double[BATCH * outC * pool.outPositions()];
        argmax = new int[pooledD.length];
        xf = toFloat(xd);
        wf = toFloat(wd);
        bf = toFloat(bd);
        gyf = toFloat(gyd);
        yf = toFloat(yd);
        dxf = new float[xs];
        dwf = new float[ws];
        pooledF = new float[pooledD.length];
    }

    private static double[] random(SplittableRandom rnd, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        return v;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private boolean single() {
        return "f32".equals(precision);
    }

    @Benchmark
    public Object forward() {
        if (single()) {
            FloatConvKernels.forward(conv, xf, wf, outC, bf, yf, threads);
            return yf;
        }
        ConvKernels.forward(conv, xd, wd, outC, bd, yd, false, threads);
        return yd;
    }

    @Benchmark
    public Object backwardInput() {
        if (single()) {
            FloatConvKernels.backwardInput(conv, gyf, wf, outC, dxf, threads);
            return dxf;
        }
        ConvKernels.backwardInput(conv, gyd, wd, outC, dxd, threads);
        return dxd;
    }

    @Benchmark
    public Object backwardWeight() {
        if (single()) {
            FloatConvKernels.backwardWeight(conv, gyf, xf, outC, dwf, threads);
            return dwf;
        }
        ConvKernels.backwardWeight(conv, gyd, xd, outC, dwd, threads);
        return dwd;
    }

    @Benchmark
    public Object maxPool() {
        if (single()) {
            FloatPoolKernels.maxForward(pool, yf, pooledF, argmax, true, threads);
            return pooledF;
        }
        PoolKernels.maxForward(pool, yd, pooledD, argmax, true, threads);
        return pooledD;
    }
}
