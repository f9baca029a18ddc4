package demo;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;

/** Infills one sentence on the shipped model from a named module; run by ../module-path.sh. */
public final class ModuleExample {
    public static void main(String[] args) throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().build()) {
            SamplingOptions options = SamplingOptions.builder().steps(16).seed(7).build();
            System.out.println(String.join(" ", lm.infill(List.of("The", "[MASK]", "was", "late", "."), options)));
        }
    }
}
