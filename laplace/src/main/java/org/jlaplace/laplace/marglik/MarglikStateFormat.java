package org.jlaplace.laplace.marglik;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlaplace.autodiff.optim.OptimizerSnapshot;

/**
 * The binary form of a {@link MarglikState}: the magic {@code JLMLSTAT}, a format version, the
 * length of the body, the body (big-endian {@link DataOutputStream} fields in the record's order),
 * and the CRC-32 of the body. Reading checks all four, so a truncated or altered file is never
 * taken for a state.
 */
public final class MarglikStateFormat {
    private static final long MAGIC = 0x4A4C4D4C53544154L;
    private static final int VERSION = 2;
    /** Longest array or list read, against forged lengths. */
    private static final int MAX_LENGTH = 1 << 28;

    private MarglikStateFormat() {
    }

    /** Writes {@code state} to {@code out} (not closed). */
    public static void write(MarglikState state, OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(bytes);
        body.writeInt(state.epochsDone());
        body.writeDouble(state.seconds());
        doubles(body, state.parameters());
        snapshot(body, state.network());
        doubles(body, state.hyper());
        snapshot(body, state.hyperOptimizer());
        body.writeInt(state.hyperStepsDone());
        doubles(body, state.rho());
        doubles(body, state.eta());
        snapshot(body, state.extentOptimizer());
        body.writeInt(state.rng().length);
        for (long v : state.rng()) {
            body.writeLong(v);
        }
        body.writeInt(state.history().size());
        for (EpochReport r : state.history()) {
            report(body, r);
        }
        body.flush();
        ChecksummedFrame.write(out, MAGIC, VERSION, bytes.toByteArray());
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws IOException saying what is wrong when the stream is not a complete, intact state
     */
    public static MarglikState read(InputStream in) throws IOException {
        byte[] b = ChecksummedFrame.read(in, MAGIC, VERSION, "checkpoint");
        return body(new DataInputStream(new java.io.ByteArrayInputStream(b)));
    }

    private static MarglikState body(DataInputStream b) throws IOException {
        try {
            int epochs = b.readInt();
            double seconds = b.readDouble();
            double[] parameters = doubles(b);
            OptimizerSnapshot network = snapshot(b);
            double[] hyper = doubles(b);
            OptimizerSnapshot hyperOpt = snapshot(b);
            int hyperSteps = b.readInt();
            double[] rho = doubles(b);
            double[] eta = doubles(b);
            OptimizerSnapshot extentOpt = snapshot(b);
            long[] rng = new long[length(b)];
            for (int i = 0; i < rng.length; i++) {
                rng[i] = b.readLong();
            }
            int count = length(b);
            List<EpochReport> history = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                history.add(report(b));
            }
            if (b.available() != 0) {
                throw new IOException("checkpoint has " + b.available() + " unexpected trailing bytes");
            }
            return new MarglikState(epochs, seconds, parameters, network, hyper, hyperOpt, hyperSteps, rho, eta, extentOpt,
                    rng, history);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void doubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(8 * v.length);
        buf.asDoubleBuffer().put(v);
        out.write(buf.array());
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        int n = length(in);
        byte[] raw = in.readNBytes(8 * n);
        if (raw.length != 8 * n) {
            throw new EOFException();
        }
        double[] v = new double[n];
        ByteBuffer.wrap(raw).asDoubleBuffer().get(v);
        return v;
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH || n > in.available() + 8) {
            throw new IOException("checkpoint holds an impossible length " + n);
        }
        return n;
    }

    private static void snapshot(DataOutputStream out, OptimizerSnapshot s) throws IOException {
        out.writeLong(s.steps());
        List<int[]> shapes = s.shapes();
        List<double[][]> arrays = s.arrays();
        out.writeInt(shapes.size());
        for (int k = 0; k < shapes.size(); k++) {
            out.writeInt(shapes.get(k).length);
            for (int dim : shapes.get(k)) {
                out.writeInt(dim);
            }
            out.writeInt(arrays.get(k).length);
            for (double[] a : arrays.get(k)) {
                doubles(out, a);
            }
        }
    }

    private static OptimizerSnapshot snapshot(DataInputStream in) throws IOException {
        long steps = in.readLong();
        int count = length(in);
        List<int[]> shapes = new ArrayList<>();
        List<double[][]> arrays = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int[] shape = new int[length(in)];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readInt();
            }
            double[][] group = new double[length(in)][];
            for (int i = 0; i < group.length; i++) {
                group[i] = doubles(in);
            }
            shapes.add(shape);
            arrays.add(group);
        }
        return new OptimizerSnapshot(steps, shapes, arrays);
    }

    private static void report(DataOutputStream out, EpochReport r) throws IOException {
        out.writeInt(r.epoch());
        out.writeInt(r.epochs());
        out.writeDouble(r.seconds());
        out.writeDouble(r.trainLoss());
        out.writeDouble(r.trainMetric());
        out.writeDouble(r.logMarglik());
        doubles(out, r.priorPrecisions());
        out.writeDouble(r.sigma());
        out.writeInt(r.extents().size());
        for (Map.Entry<String, Double> e : r.extents().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        doubles(out, r.eta());
        out.writeDouble(r.hyperSeconds());
    }

    private static EpochReport report(DataInputStream in) throws IOException {
        int epoch = in.readInt();
        int epochs = in.readInt();
        double seconds = in.readDouble();
        double loss = in.readDouble();
        double metric = in.readDouble();
        double logMarglik = in.readDouble();
        double[] precisions = doubles(in);
        double sigma = in.readDouble();
        int n = length(in);
        Map<String, Double> extents = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            extents.put(in.readUTF(), in.readDouble());
        }
        double[] eta = doubles(in);
        return new EpochReport(epoch, epochs, seconds, loss, metric, logMarglik, precisions, sigma, extents, eta,
                in.readDouble());
    }
}
