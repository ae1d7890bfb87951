package org.jlaplace.tests.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.io.ModelIO;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.prior.Prior;

/**
 * Embedding the library: a classifier exported from PyTorch ({@code model.json} +
 * {@code model.safetensors}, see docs/pytorch_interop.py) and its training data
 * ({@code train.csv}: x1,x2,label) are read from the directory {@code args[0]}; the program fits
 * the KFAC Laplace approximation, optimises the prior precision post hoc and prints the evidence
 * and the predictive probabilities at two new inputs. The README's "Using the library" shows
 * this code; {@code EmbeddingExampleTest} runs it.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Sequential net = ModelIO.load(dir.resolve("model.json"), dir.resolve("model.safetensors"));
        List<double[]> rows = Files.readAllLines(dir.resolve("train.csv")).stream().skip(1)
                .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        Tensor x = Tensor.of(rows.stream().flatMapToDouble(r -> Arrays.stream(r, 0, 2)).toArray(), rows.size(), 2);
        double[] y = rows.stream().mapToDouble(r -> r[2]).toArray();

        Laplace la = Laplace.fit(net, x, y, new CategoricalLikelihood(3), Prior.scalar(1.0), PosteriorStructure.KRON);
        System.out.printf("log evidence %.4f at prior precision 1%n", la.logMarginalLikelihood().logMarglik());
        la = la.optimizePrior();
        System.out.printf("log evidence %.4f at prior precision %.4f%n", la.logMarginalLikelihood().logMarglik(),
                la.prior().precision(0));
        Tensor xNew = Tensor.of(new double[] {0.0, 0.0, 8.0, -8.0}, 2, 2);
        System.out.println("Laplace (probit) " + Arrays.toString(la.classProbabilities(xNew, Link.probit())));
        System.out.println("MAP              " + Arrays.toString(la.mapClassProbabilities(xNew)));
    }
}
