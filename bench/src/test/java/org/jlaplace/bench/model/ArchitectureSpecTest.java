package org.jlaplace.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Sequential;
import org.junit.jupiter.api.Test;

class ArchitectureSpecTest {
    private static List<String> types(List<Layer> layers) {
        return layers.stream().map(Layer::type).toList();
    }

    @Test
    void mlpExpandsToLinearLayersWithTheActivationBetween() {
        assertEquals(List.of("linear", "tanh", "linear", "tanh", "linear"),
                types(ArchitectureSpec.expand("mlp:64-32-10:tanh", new int[] {64}, 10)));
        assertEquals(List.of("flatten", "linear", "relu", "linear"),
                types(ArchitectureSpec.expand("mlp:20-10:relu", new int[] {1, 8, 8}, 10)));
        Sequential net = ArchitectureSpec.build("mlp:5-3", new int[] {4}, 3, 0);
        assertEquals(4 * 5 + 5 + 5 * 3 + 3, net.numParameters());
        assertEquals("tanh", net.layers().get(1).type(), "tanh is the MLP default");
    }

    @Test
    void cnnHalvesTheImageAtEveryBlock() {
        List<Layer> l = ArchitectureSpec.expand("cnn:8-16:32-10", new int[] {1, 8, 8}, 10);
        assertEquals(List.of("conv2d", "relu", "maxpool2d", "conv2d", "relu", "maxpool2d", "flatten", "linear", "relu", "linear"),
                types(l));
        Sequential net = ArchitectureSpec.build("cnn:8-16:32-10", new int[] {1, 8, 8}, 10, 0);
        assertArrayEquals(new int[] {16, 2, 2}, net.shapeBefore(6));
        assertArrayEquals(new int[] {10}, net.outputShape());
    }

    @Test
    void namedMnistNetworksHaveTheirDocumentedShapes() {
        Sequential mini = ArchitectureSpec.build("MiniNet", new int[] {1, 28, 28}, 10, 0);
        assertEquals(List.of("conv2d", "relu", "maxpool2d", "conv2d", "relu", "maxpool2d", "conv2d", "relu", "flatten",
                "linear"), types(mini.layers()));
        assertArrayEquals(new int[] {32, 1, 1}, mini.shapeBefore(8));
        // (8·1·25 + 8) + (16·8·9 + 16) + (32·16·25 + 32) + (32·10 + 10)
        assertEquals(208 + 1168 + 12832 + 330, mini.numParameters());
        Sequential cnn = ArchitectureSpec.build("mnist-cnn", new int[] {1, 28, 28}, 10, 0);
        assertEquals(ArchitectureSpec.build("cnn:16-32:128-10", new int[] {1, 28, 28}, 10, 0).numParameters(),
                cnn.numParameters());
        assertEquals(160 + 4640 + 32 * 7 * 7 * 128 + 128 + 1290, cnn.numParameters());
        assertTrue(ArchitectureSpec.isShortSyntax("mininet") && ArchitectureSpec.isShortSyntax("MNIST-CNN"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureSpec.expand("mininet", new int[] {1, 27, 28}, 10));
        assertTrue(e.getMessage().contains("at least 28x28"), e.getMessage());
    }

    @Test
    void sameSeedSameInitialisation() {
        assertArrayEquals(ArchitectureSpec.build("mlp:5-3", new int[] {4}, 3, 7).flatParameters().toArray(),
                ArchitectureSpec.build("mlp:5-3", new int[] {4}, 3, 7).flatParameters().toArray(), 0.0);
    }

    @Test
    void errorsNameTheSpec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureSpec.expand("mlp:32-5", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("--model mlp:32-5") && e.getMessage().contains("3 outputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("mlp:3:swish", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("activation 'swish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("cnn:4:3", new int[] {16}, 3));
        assertTrue(e.getMessage().contains("image inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("cnn:4-4-4:3", new int[] {1, 4, 4}, 3));
        assertTrue(e.getMessage().contains("too many convolution blocks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("rnn:3", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("unknown kind 'rnn'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSpec.expand("mlp:3-x", new int[] {4}, 3));
        assertTrue(e.getMessage().contains("width 'x'"), e.getMessage());
    }
}
