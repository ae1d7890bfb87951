package org.jlaplace.bench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;

/**
 * The short model syntax of the command line, expanded into the layers of a {@link Sequential}
 * (the same layers a {@code model.json} of FORMATS.md §1–§2 would list):
 * <ul>
 *   <li>{@code mlp:W1-W2-...-Wk[:ACT]} — flatten (only for inputs of rank > 1), then Linear layers of widths {@code W1..Wk}
 *   with the activation {@code ACT} (default {@code tanh}) between them; {@code Wk} is the output
 *   width and must equal the data's number of classes or targets. Example: {@code mlp:64-32-10:tanh}.</li>
 *   <li>{@code cnn:C1-...-Cm:W1-...-Wk[:ACT]} — for image inputs {@code [channels, height, width]}:
 *   per {@code Ci} a 3×3 Conv2d with {@code Ci} output channels (stride 1, padding 1), the
 *   activation and a 2×2 max-pool (stride 2); then flatten and the MLP head {@code W1..Wk} as
 *   above (default activation {@code relu}). Example: {@code cnn:8-16:32-10:relu}.</li>
 *   <li>{@code mininet} — the small MNIST network of the authors of the NTK-bound paper (their
 *   public code's {@code MiniNet}): Conv2d 5×5 to 8 channels, ReLU, 2×2 max-pool; Conv2d 3×3 to
 *   16, ReLU, 2×2 max-pool; Conv2d 5×5 to 32, ReLU; flatten; Linear to the outputs. Every
 *   convolution has stride 1 and no padding, so 28×28 images end as 32×1×1 and the network has
 *   14,538 parameters for 10 classes.</li>
 *   <li>{@code mnist-cnn} — the two-convolution CNN used for the MNIST comparison,
 *   {@code cnn:16-32:128-C} (206,922 parameters on 28×28 images with 10 classes).</li>
 * </ul>
 * Every layer has a bias. Widths must be positive; each pooled size must stay at least 1.
 */
public final class ArchitectureSpec {
    /** Activation names accepted in the short syntax (those of model.json). */
    public static final Set<String> ACTIVATIONS =
            Set.of("relu", "tanh", "sigmoid", "gelu", "silu", "selu", "softplus", "leaky_relu");

    private ArchitectureSpec() {
    }

    /** Whether {@code s} is short syntax rather than a path to model.json. */
    public static boolean isShortSyntax(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("mlp:") || l.startsWith("cnn:") || l.equals(MININET) || l.equals(MNIST_CNN);
    }

    /** The name of the authors' small MNIST network. */
    public static final String MININET = "mininet";
    /** The name of {@code cnn:16-32:128-C}. */
    public static final String MNIST_CNN = "mnist-cnn";

    /**
     * A freshly initialised network (PyTorch's default initialisation, drawn from {@code Rng(seed)})
     * for {@code spec}, inputs of {@code inputShape} and {@code outputs} outputs.
     */
    public static Sequential build(String spec, int[] inputShape, int outputs, long seed) {
        return new Sequential(new Rng(seed), inputShape, expand(spec, inputShape, outputs).toArray(new Layer[0]));
    }

    /**
     * Expands {@code spec} for inputs of {@code inputShape} and {@code outputs} outputs into its
     * layers. Errors ({@link IllegalArgumentException}) name the spec and the problem.
     */
    public static List<Layer> expand(String spec, int[] inputShape, int outputs) {
        String named = spec.toLowerCase(Locale.ROOT);
        if (named.equals(MININET)) {
            return miniNet(spec, inputShape, outputs);
        }
        if (named.equals(MNIST_CNN)) {
            return expand("cnn:16-32:128-" + outputs, inputShape, outputs);
        }
        String[] parts = spec.split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        List<Layer> layers = new ArrayList<>();
        int[] shape = inputShape.clone();
        String act;
        int[] widths;
        if (kind.equals("mlp")) {
            if (parts.length < 2 || parts.length > 3) {
                throw bad(spec, "expected mlp:W1-W2-...-Wk[:activation]");
            }
            widths = widths(spec, parts[1]);
            act = parts.length == 3 ? activation(spec, parts[2]) : "tanh";
        } else if (kind.equals("cnn")) {
            if (parts.length < 3 || parts.length > 4) {
                throw bad(spec, "expected cnn:C1-...-Cm:W1-...-Wk[:activation]");
            }
            if (shape.length != 3) {
                throw bad(spec, "a cnn needs image inputs [channels, height, width], the data have shape "
                        + Arrays.toString(shape) + " (set --input-shape C,H,W)");
            }
            act = parts.length == 4 ? activation(spec, parts[3]) : "relu";
            int channels = shape[0];
            int h = shape[1];
            int w = shape[2];
            for (int c : widths(spec, parts[1])) {
                layers.add(new Conv2d(channels, c, 3, 1, 1, true));
                layers.add(Activation.of(act));
                if (h < 2 || w < 2) {
                    throw bad(spec, "too many convolution blocks: the image is " + h + "x" + w + " before a 2x2 max-pool");
                }
                layers.add(new MaxPool2d(2, 2));
                channels = c;
                h /= 2;
                w /= 2;
            }
            shape = new int[] {channels * h * w};
            widths = widths(spec, parts[2]);
        } else {
            throw bad(spec, "unknown kind '" + parts[0] + "'; expected mlp:... or cnn:...");
        }
        if (widths[widths.length - 1] != outputs) {
            throw bad(spec, "the last width " + widths[widths.length - 1] + " must equal the data's " + outputs
                    + " outputs (classes or targets)");
        }
        if (kind.equals("cnn") || inputShape.length > 1) {
            layers.add(new Flatten());
        }
        int in = 1;
        for (int s : shape) {
            in *= s;
        }
        for (int i = 0; i < widths.length; i++) {
            layers.add(new Linear(in, widths[i], true));
            if (i < widths.length - 1) {
                layers.add(Activation.of(act));
            }
            in = widths[i];
        }
        return layers;
    }

    /** The layers of {@link #MININET} (see the class comment). */
    private static List<Layer> miniNet(String spec, int[] shape, int outputs) {
        if (shape.length != 3) {
            throw bad(spec, "needs image inputs [channels, height, width], the data have shape " + Arrays.toString(shape));
        }
        int h = ((shape[1] - 4) / 2 - 2) / 2 - 4;
        int w = ((shape[2] - 4) / 2 - 2) / 2 - 4;
        if (h < 1 || w < 1) {
            throw bad(spec, "needs images of at least 28x28 (its three unpadded convolutions and two pools), the data are "
                    + shape[1] + "x" + shape[2]);
        }
        return List.of(new Conv2d(shape[0], 8, 5, 1, 0, true), Activation.of("relu"), new MaxPool2d(2, 2),
                new Conv2d(8, 16, 3, 1, 0, true), Activation.of("relu"), new MaxPool2d(2, 2),
                new Conv2d(16, 32, 5, 1, 0, true), Activation.of("relu"), new Flatten(),
                new Linear(32 * h * w, outputs, true));
    }

    private static int[] widths(String spec, String list) {
        String[] f = list.split("-", -1);
        int[] w = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                w[i] = Integer.parseInt(f[i].trim());
            } catch (NumberFormatException e) {
                throw bad(spec, "width '" + f[i] + "' is not an integer");
            }
            if (w[i] <= 0) {
                throw bad(spec, "width " + w[i] + " must be positive");
            }
        }
        return w;
    }

    private static String activation(String spec, String a) {
        String l = a.toLowerCase(Locale.ROOT);
        if (!ACTIVATIONS.contains(l)) {
            throw bad(spec, "activation '" + a + "' is not one of " + String.join(", ", new java.util.TreeSet<>(ACTIVATIONS)));
        }
        return l;
    }

    private static IllegalArgumentException bad(String spec, String problem) {
        return new IllegalArgumentException("--model " + spec + ": " + problem);
    }
}
