package org.jlaplace.tests.example;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/**
 * Writes what a PyTorch user would hand over: three Gaussian blobs in 2-D ({@code train.csv}), and
 * a {@code Linear(2, 16) → Tanh → Linear(16, 3)} classifier trained on them (cross-entropy plus
 * the weight decay of a unit prior), exported as {@code docs/pytorch_interop.py}'s
 * {@code export(model, [2], ..., dtype=torch.float32)} does: {@code model.json} as Python's
 * {@code json.dump(indent=2)} prints it, and {@code model.safetensors} as the safetensors library
 * writes it (F32 little-endian, {@code "__metadata__": {"format": "pt"}}, tensors sorted by name,
 * header padded with spaces to a multiple of 8 bytes). The writers here are independent of the
 * library's own.
 */
final class PyTorchExportFixture {
    static final int N = 60;

    private PyTorchExportFixture() {
    }

    static void write(Path dir) throws IOException {
        Random r = new Random(7);
        double[][] centres = {{-2, 0}, {2, 0}, {0, 2.5}};
        double[] x = new double[N * 2];
        int[] labels = new int[N];
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3;
            x[2 * i] = centres[labels[i]][0] + 0.8 * r.nextGaussian();
            x[2 * i + 1] = centres[labels[i]][1] + 0.8 * r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%d%n", x[2 * i], x[2 * i + 1], labels[i]));
        }
        Files.writeString(dir.resolve("train.csv"), csv);
        Sequential net = train(Tensor.of(x, N, 2), labels);
        Files.writeString(dir.resolve("model.json"), MODEL_JSON);
        writeSafetensors(net, dir.resolve("model.safetensors"));
    }

    /** What {@code json.dump(spec, f, indent=2)} prints for the model. */
    static final String MODEL_JSON = """
            {
              "input_shape": [
                2
              ],
              "layers": [
                {
                  "type": "linear",
                  "in_features": 2,
                  "out_features": 16,
                  "bias": true
                },
                {
                  "type": "tanh"
                },
                {
                  "type": "linear",
                  "in_features": 16,
                  "out_features": 3,
                  "bias": true
                }
              ]
            }""";

    /** 400 full-batch Adam steps on the mean cross-entropy plus {@code ½‖θ‖²/N}. */
    static Sequential train(Tensor x, int[] labels) {
        Sequential net = new Sequential(new Rng(3), new int[] {2}, new Linear(2, 16), Activation.tanh(),
                new Linear(16, 3));
        Adam adam = new Adam(0.05);
        for (int step = 0; step < 400; step++) {
            Trace t = net.trace(x);
            Losses.LossAndGradient lg = Losses.crossEntropy(t.output(), labels, Losses.Reduction.MEAN);
            List<Tensor> grads = new ArrayList<>();
            List<Tensor> g = t.backward(lg.gradient());
            for (int k = 0; k < g.size(); k++) {
                double[] gk = g.get(k).toArray();
                double[] theta = net.parameters().get(k).value().toArray();
                for (int i = 0; i < gk.length; i++) {
                    gk[i] += theta[i] / labels.length;
                }
                grads.add(Tensor.of(gk, net.parameters().get(k).shape()));
            }
            adam.stepParameters(net.parameters(), grads);
        }
        return net;
    }

    private static void writeSafetensors(Sequential net, Path file) throws IOException {
        // PyTorch's state_dict names: "<layer index>.weight" / ".bias"; the writer orders them by name.
        TreeMap<String, Parameter> byName = new TreeMap<>();
        for (Parameter p : net.parameters()) {
            byName.put(p.name(), p);
        }
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        List<float[]> data = new ArrayList<>();
        long offset = 0;
        for (var e : byName.entrySet()) {
            double[] v = e.getValue().value().toArray();
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            data.add(f);
            StringBuilder shape = new StringBuilder();
            for (int d : e.getValue().shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":[").append(shape)
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + 4L * f.length)
                    .append("]}");
            offset += 4L * f.length;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        for (float[] f : data) {
            for (float v : f) {
                buf.putFloat(v);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buf.array());
        }
    }
}
